-- The same indexes as on PostgreSQL, where each index over all tasks costs an index insertion at
-- every status change. SQLite rewrites only the indexes whose columns (or partial-index
-- conditions) a change touches, so here the updated-time and status indexes were the costly ones;
-- the others go too so that both stores answer a list with the same plan shape:
--
-- * Newest or oldest first (the default list): task ids are UUIDv7 made from the creation time by
--   the process that created the task, so the primary key is the creation order: lists sort by id.
-- * By status: every status has an index that holds exactly its tasks - QUEUED the claim index,
--   RUNNING the running index, every other status the status index below, which leaves out the two
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

-- A claim made each task enter four indexes: the primary key, the lease index (rescue), the
-- running-by-worker index (lease renewal) and the queue/status index (running counts). One index
-- of the running tasks now serves all three: renewal reads its worker prefix, and rescue and the
-- counts read it whole, which is cheap because it holds only what runs right now.
DROP INDEX tf_task_lease_idx;
DROP INDEX tf_task_running_worker_idx;
CREATE INDEX tf_task_running_idx ON tf_task (worker_id, queue, lease_until)
    WHERE status = 'RUNNING' AND deleted_at IS NULL;
DROP INDEX tf_task_queue_status_idx;
CREATE INDEX tf_task_queue_status_idx ON tf_task (queue, status)
    WHERE status IN ('PENDING', 'SCHEDULED', 'RETRYING', 'FAILED') AND deleted_at IS NULL;

-- Retention removes soft-deleted tasks some time after their deletion; they are in no other index.
CREATE INDEX tf_task_deleted_idx ON tf_task (deleted_at) WHERE deleted_at IS NOT NULL;

-- Event ids are the resume points of /events/stream, so they must never be handed out twice. A
-- plain rowid is max(rowid) + 1: once retention deletes the newest events (a quiet system whose
-- last tasks aged out), their ids would come back for new events and a client resuming after one
-- of them would skip the new one. AUTOINCREMENT never reuses an id; it needs the table rebuilt.
CREATE TABLE tf_task_event_new (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    task_id     TEXT    NOT NULL,
    at          INTEGER NOT NULL,
    -- TaskEventType.wireName()
    type        TEXT    NOT NULL,
    from_status TEXT,
    to_status   TEXT,
    attempt     INTEGER NOT NULL,
    message     TEXT,
    error       TEXT,
    actor       TEXT
) STRICT;
INSERT INTO tf_task_event_new (id, task_id, at, type, from_status, to_status, attempt, message, error, actor)
    SELECT id, task_id, at, type, from_status, to_status, attempt, message, error, actor FROM tf_task_event;
DROP TABLE tf_task_event;
ALTER TABLE tf_task_event_new RENAME TO tf_task_event;
CREATE INDEX tf_task_event_task_idx ON tf_task_event (task_id, id);
-- Like on PostgreSQL since V6, events have no foreign key: whatever removes a task (retention)
-- removes its events, and SQLite's per-row foreign-key check was a cost on the hot path.
