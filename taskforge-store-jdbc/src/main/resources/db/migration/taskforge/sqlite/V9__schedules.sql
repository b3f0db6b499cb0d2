-- Schedules and the history of their fires.
--
-- A schedule fires on a cron expression read in a time zone, or on a fixed interval (exactly one
-- of the two). Its target is a task template, a script run or a pipeline run, flattened into
-- columns: target_name is the task type, the script's id or name, or the pipeline's; payload is
-- the task's payload or the run's parameters. fired_up_to says which slots are done with (fired or
-- dropped by the misfire policy); next_fire_at is when the leader looks at it next.

CREATE TABLE tf_schedule (
    id               TEXT    NOT NULL PRIMARY KEY,
    tenant_id        TEXT    NOT NULL DEFAULT 'default',
    -- The default BINARY collation compares bytes, as PostgreSQL's "C" does for this column.
    name             TEXT    NOT NULL,
    description      TEXT,
    cron             TEXT,
    time_zone        TEXT,
    interval_seconds INTEGER,
    target_kind      TEXT    NOT NULL,
    target_name      TEXT    NOT NULL,
    title            TEXT,
    payload          TEXT,
    queue            TEXT,
    priority         INTEGER,
    -- A JSON array of strings, as the dialect writes string lists.
    tags             TEXT,
    max_attempts     INTEGER,
    timeout_seconds  INTEGER,
    paused           INTEGER NOT NULL,
    misfire_policy   TEXT    NOT NULL,
    misfire_limit    INTEGER NOT NULL,
    fired_up_to      INTEGER NOT NULL,
    next_fire_at     INTEGER,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    deleted_at       INTEGER,
    CONSTRAINT tf_schedule_timing_check CHECK ((cron IS NULL) <> (interval_seconds IS NULL)),
    CONSTRAINT tf_schedule_target_kind_check CHECK (target_kind IN ('task', 'script', 'pipeline')),
    CONSTRAINT tf_schedule_misfire_policy_check CHECK (misfire_policy IN ('SKIP', 'FIRE_ONCE', 'FIRE_ALL'))
) STRICT;

-- A name belongs to one undeleted schedule of a tenant; deleting the schedule frees it.
CREATE UNIQUE INDEX tf_schedule_name_uidx ON tf_schedule (tenant_id, name) WHERE deleted_at IS NULL;

-- The leader's question: which schedules are due, and when is the next one.
CREATE INDEX tf_schedule_due_idx ON tf_schedule (next_fire_at) WHERE deleted_at IS NULL AND paused = 0;

-- One row per fire. slot is the slot it fired for, null for a manual trigger; the unique key is
-- what makes a slot fire once however many processes try (NULLs are distinct, so manual triggers
-- never collide). The task a fire created is inserted in the same transaction as its row.
CREATE TABLE tf_schedule_fire (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    schedule_id TEXT    NOT NULL REFERENCES tf_schedule (id),
    slot        INTEGER,
    fired_at    INTEGER NOT NULL,
    outcome     TEXT    NOT NULL,
    task_id     TEXT,
    run_id      TEXT,
    error       TEXT,
    CONSTRAINT tf_schedule_fire_slot_key UNIQUE (schedule_id, slot),
    CONSTRAINT tf_schedule_fire_outcome_check CHECK (outcome IN ('CREATED', 'FAILED'))
) STRICT;

-- A schedule's history, newest first.
CREATE INDEX tf_schedule_fire_history_idx ON tf_schedule_fire (schedule_id, id);
