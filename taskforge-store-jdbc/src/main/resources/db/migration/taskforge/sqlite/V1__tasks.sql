-- Tasks, their tags, history and log lines. STRICT tables, so a wrongly bound parameter fails
-- instead of being stored as another type. Instants are INTEGER epoch milliseconds, JSON is
-- TEXT, ids are TEXT (lower-case UUIDs), booleans are INTEGER 0/1.
-- PRAGMAs (WAL, busy_timeout, foreign_keys) are set per connection by the store: Flyway runs
-- each migration in a transaction, where SQLite ignores some of them.

CREATE TABLE tf_task (
    id               TEXT    NOT NULL PRIMARY KEY,
    tenant_id        TEXT    NOT NULL DEFAULT 'default',
    type             TEXT    NOT NULL,
    title            TEXT,
    description      TEXT,
    payload          TEXT,
    queue            TEXT    NOT NULL,
    -- Priority.rank(): higher is claimed first.
    priority         INTEGER NOT NULL,
    status           TEXT    NOT NULL,
    attempt          INTEGER NOT NULL DEFAULT 0,
    max_attempts     INTEGER NOT NULL,
    timeout_seconds  INTEGER NOT NULL,
    run_at           INTEGER NOT NULL,
    lease_until      INTEGER,
    worker_id        TEXT,
    progress_percent INTEGER,
    progress_message TEXT,
    result           TEXT,
    -- {"type": ..., "message": ..., "stack": ...}
    error            TEXT,
    unique_key       TEXT,
    idempotency_key  TEXT,
    owner            TEXT,
    pipeline_run_id  TEXT,
    node             TEXT,
    trace_parent     TEXT,
    cancel_requested INTEGER NOT NULL DEFAULT 0,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    started_at       INTEGER,
    finished_at      INTEGER,
    deleted_at       INTEGER,
    CONSTRAINT tf_task_status_check CHECK (status IN
        ('PENDING', 'SCHEDULED', 'QUEUED', 'RUNNING', 'RETRYING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    CONSTRAINT tf_task_priority_check CHECK (priority BETWEEN 0 AND 3)
) STRICT;

-- The ready set, in claim order. Partial, so it holds only what workers can take.
CREATE INDEX tf_task_claim_idx ON tf_task (queue, priority DESC, run_at, id)
    WHERE status = 'QUEUED' AND deleted_at IS NULL;

-- Waiting tasks whose time comes (promotion, next due time).
CREATE INDEX tf_task_due_idx ON tf_task (run_at)
    WHERE status IN ('SCHEDULED', 'RETRYING') AND deleted_at IS NULL;

-- Running tasks by lease end (rescue) and by worker (lease renewal).
CREATE INDEX tf_task_lease_idx ON tf_task (lease_until)
    WHERE status = 'RUNNING' AND deleted_at IS NULL;
CREATE INDEX tf_task_running_worker_idx ON tf_task (worker_id)
    WHERE status = 'RUNNING' AND deleted_at IS NULL;

-- A unique key is held while its task is unfinished and undeleted.
CREATE UNIQUE INDEX tf_task_unique_key_uidx ON tf_task (tenant_id, unique_key)
    WHERE unique_key IS NOT NULL AND status NOT IN ('SUCCEEDED', 'FAILED', 'CANCELLED') AND deleted_at IS NULL;

-- An idempotency key names one task forever, deleted or not: a replayed request must not
-- create a second task.
CREATE UNIQUE INDEX tf_task_idempotency_key_uidx ON tf_task (tenant_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;

-- List sorts and filters; ties are broken by id.
CREATE INDEX tf_task_created_idx ON tf_task (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX tf_task_updated_idx ON tf_task (updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX tf_task_priority_idx ON tf_task (priority, id) WHERE deleted_at IS NULL;
CREATE INDEX tf_task_status_created_idx ON tf_task (status, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX tf_task_queue_created_idx ON tf_task (queue, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX tf_task_type_created_idx ON tf_task (type, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX tf_task_pipeline_run_idx ON tf_task (pipeline_run_id)
    WHERE pipeline_run_id IS NOT NULL AND deleted_at IS NULL;

CREATE TABLE tf_tag (
    tenant_id  TEXT    NOT NULL DEFAULT 'default',
    name       TEXT    NOT NULL,
    color      TEXT,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, name)
) STRICT;

CREATE TABLE tf_task_tag (
    task_id  TEXT    NOT NULL REFERENCES tf_task (id) ON DELETE CASCADE,
    tag      TEXT    NOT NULL,
    -- Keeps the order the submitter gave.
    position INTEGER NOT NULL,
    PRIMARY KEY (task_id, tag)
) STRICT;
-- Tag filter (EXISTS per tag), tag counts and tag deletion.
CREATE INDEX tf_task_tag_tag_idx ON tf_task_tag (tag, task_id);

CREATE TABLE tf_task_event (
    -- INTEGER PRIMARY KEY is the rowid: increasing, no AUTOINCREMENT bookkeeping needed.
    id          INTEGER NOT NULL PRIMARY KEY,
    task_id     TEXT    NOT NULL REFERENCES tf_task (id) ON DELETE CASCADE,
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
CREATE INDEX tf_task_event_task_idx ON tf_task_event (task_id, id);

CREATE TABLE tf_task_log (
    -- The rowid: one sequence for all tasks, it only has to increase per task. A reused value
    -- (after the newest rows were deleted) is still above every remaining line of any task.
    seq     INTEGER NOT NULL PRIMARY KEY,
    task_id TEXT    NOT NULL REFERENCES tf_task (id) ON DELETE CASCADE,
    attempt INTEGER NOT NULL,
    at      INTEGER NOT NULL,
    stream  TEXT    NOT NULL,
    line    TEXT    NOT NULL
) STRICT;
CREATE INDEX tf_task_log_task_idx ON tf_task_log (task_id, seq);
