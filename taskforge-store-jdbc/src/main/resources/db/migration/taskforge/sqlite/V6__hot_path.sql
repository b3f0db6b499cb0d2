-- Ready tasks leave the queue/status index: only the claim index may serve a claim. With QUEUED in
-- both, a planner working from stale statistics (the normal state of a queue table) took the
-- queue/status index, which has no claim order, and sorted the whole backlog on every claim. The
-- ready counts per queue come from the claim index instead.
DROP INDEX tf_task_queue_status_idx;
CREATE INDEX tf_task_queue_status_idx ON tf_task (queue, status)
    WHERE status IN ('PENDING', 'SCHEDULED', 'RUNNING', 'RETRYING', 'FAILED') AND deleted_at IS NULL;
