-- Monitoring: finished tasks by the time they finished, for counts, throughput per minute and
-- run-time percentiles over a window (taskStats). Partial, so it holds only the rows those queries count,
-- and covering (INCLUDE), so a window is read from the index alone: the work grows with the
-- window, not with the history.
CREATE INDEX tf_task_finished_idx ON tf_task (finished_at) INCLUDE (status, type, started_at)
    WHERE status IN ('SUCCEEDED', 'FAILED', 'CANCELLED') AND deleted_at IS NULL;

-- The change feed reads tf_task_event by id: its primary key serves it.
