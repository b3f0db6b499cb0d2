-- Ready tasks leave the queue/status index: only the claim index may serve a claim. With QUEUED in
-- both, a planner working from stale statistics (the normal state of a queue table) took the
-- queue/status index, which has no claim order, and sorted the whole backlog on every claim. The
-- ready counts per queue come from the claim index instead.
DROP INDEX tf_task_queue_status_idx;
CREATE INDEX tf_task_queue_status_idx ON tf_task (queue, status)
    WHERE status IN ('PENDING', 'SCHEDULED', 'RUNNING', 'RETRYING', 'FAILED') AND deleted_at IS NULL;

-- History and log lines are appended in the transaction that changes their task, by code that
-- has just read or updated that task's row: the foreign keys added nothing but a check and a row
-- lock per appended row, more than the append itself costs. Tasks are never deleted row by row
-- (a delete marks deleted_at); whatever purges old tasks deletes their events, log lines and tags
-- with them.
ALTER TABLE tf_task_event DROP CONSTRAINT tf_task_event_task_id_fkey;
ALTER TABLE tf_task_log DROP CONSTRAINT tf_task_log_task_id_fkey;
