-- The same indexes as on PostgreSQL, where each index over all tasks costs an index insertion at
-- every status change. SQLite rewrites only the indexes whose columns (or partial-index
-- conditions) a change touches, so here the updated-time and status indexes were the costly ones;
-- the others go too so that both stores answer a list with the same plan shape:
--
-- * Newest or oldest first (the default list): task ids are UUIDv7 made from the creation time by
--   the process that created the task, so the primary key is the creation order: lists sort by id.
-- * By status: every status has an index that holds exactly its tasks - QUEUED the claim index,
--   RUNNING the lease index, every other status the status index below, which leaves out the two
--   busy states so that a task's passage through them adds nothing to it.
-- * By priority or by last update, or filtered by queue or type alone: the filtered set is read and
--   the page picked by a top-N sort. Filters narrow it; retention bounds the table.
DROP INDEX tf_task_created_idx;
DROP INDEX tf_task_updated_idx;
DROP INDEX tf_task_priority_idx;
DROP INDEX tf_task_status_created_idx;
DROP INDEX tf_task_queue_created_idx;
DROP INDEX tf_task_type_created_idx;

CREATE INDEX tf_task_status_idx ON tf_task (status, id)
    WHERE status NOT IN ('QUEUED', 'RUNNING') AND deleted_at IS NULL;
