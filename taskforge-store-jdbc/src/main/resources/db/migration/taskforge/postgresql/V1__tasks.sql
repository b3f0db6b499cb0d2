-- Tasks, their tags, history and log lines. Instants are timestamptz (the code writes
-- millisecond precision), ids are uuid.
--
-- payload and result are json, not jsonb: json checks the text and keeps it exactly as given,
-- while jsonb rewrites it (spacing, key order, repeated keys), so a handler would read another
-- text than was submitted, and another than the same task gives on SQLite. Queries into them can
-- still cast (payload::jsonb) and index that expression. Errors are the store's own JSON: jsonb.

CREATE TABLE tf_task (
    id               uuid        PRIMARY KEY,
    tenant_id        text        NOT NULL DEFAULT 'default',
    type             text        NOT NULL,
    title            text,
    description      text,
    payload          json,
    queue            text        NOT NULL,
    -- Priority.rank(): higher is claimed first.
    priority         smallint    NOT NULL,
    status           text        NOT NULL,
    attempt          integer     NOT NULL DEFAULT 0,
    max_attempts     integer     NOT NULL,
    timeout_seconds  integer     NOT NULL,
    run_at           timestamptz NOT NULL,
    lease_until      timestamptz,
    worker_id        text,
    progress_percent smallint,
    progress_message text,
    result           json,
    -- {"type": ..., "message": ..., "stack": ...}
    error            jsonb,
    unique_key       text,
    idempotency_key  text,
    owner            text,
    pipeline_run_id  text,
    node             text,
    trace_parent     text,
    cancel_requested boolean     NOT NULL DEFAULT false,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    started_at       timestamptz,
    finished_at      timestamptz,
    deleted_at       timestamptz,
    CONSTRAINT tf_task_status_check CHECK (status IN
        ('PENDING', 'SCHEDULED', 'QUEUED', 'RUNNING', 'RETRYING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    CONSTRAINT tf_task_priority_check CHECK (priority BETWEEN 0 AND 3)
);

-- The ready set, in claim order. Partial, so it holds only what workers can take and stays
-- small however many finished tasks the table keeps.
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
    tenant_id  text        NOT NULL DEFAULT 'default',
    name       text        NOT NULL,
    color      text,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, name)
);

CREATE TABLE tf_task_tag (
    task_id  uuid     NOT NULL REFERENCES tf_task (id) ON DELETE CASCADE,
    tag      text     NOT NULL,
    -- Keeps the order the submitter gave.
    position smallint NOT NULL,
    PRIMARY KEY (task_id, tag)
);
-- Tag filter (EXISTS per tag), tag counts and tag deletion.
CREATE INDEX tf_task_tag_tag_idx ON tf_task_tag (tag, task_id);

CREATE TABLE tf_task_event (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    task_id     uuid        NOT NULL REFERENCES tf_task (id) ON DELETE CASCADE,
    at          timestamptz NOT NULL,
    -- TaskEventType.wireName()
    type        text        NOT NULL,
    from_status text,
    to_status   text,
    attempt     integer     NOT NULL,
    message     text,
    error       jsonb,
    actor       text
);
CREATE INDEX tf_task_event_task_idx ON tf_task_event (task_id, id);

CREATE TABLE tf_task_log (
    -- One sequence for all tasks: it only has to increase per task.
    seq     bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    task_id uuid        NOT NULL REFERENCES tf_task (id) ON DELETE CASCADE,
    attempt integer     NOT NULL,
    at      timestamptz NOT NULL,
    stream  text        NOT NULL,
    line    text        NOT NULL
);
CREATE INDEX tf_task_log_task_idx ON tf_task_log (task_id, seq);
