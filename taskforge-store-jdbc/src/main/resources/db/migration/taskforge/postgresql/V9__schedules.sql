-- Schedules and the history of their fires.
--
-- A schedule fires on a cron expression read in a time zone, or on a fixed interval (exactly one
-- of the two). Its target is a task template, a script run or a pipeline run, flattened into
-- columns: target_name is the task type, the script's id or name, or the pipeline's; payload is
-- the task's payload or the run's parameters. fired_up_to says which slots are done with (fired or
-- dropped by the misfire policy); next_fire_at is when the leader looks at it next.

CREATE TABLE tf_schedule (
    id               uuid        PRIMARY KEY,
    tenant_id        text        NOT NULL DEFAULT 'default',
    -- "C" compares bytes, as SQLite does: the list by name and its keyset cursor agree everywhere.
    name             text        COLLATE "C" NOT NULL,
    description      text,
    cron             text,
    time_zone        text,
    interval_seconds integer,
    target_kind      text        NOT NULL,
    target_name      text        NOT NULL,
    title            text,
    -- json, not jsonb: kept exactly as given (see V1).
    payload          json,
    queue            text,
    priority         integer,
    tags             text[],
    max_attempts     integer,
    timeout_seconds  integer,
    paused           boolean     NOT NULL,
    misfire_policy   text        NOT NULL,
    misfire_limit    integer     NOT NULL,
    fired_up_to      timestamptz NOT NULL,
    next_fire_at     timestamptz,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    deleted_at       timestamptz,
    CONSTRAINT tf_schedule_timing_check CHECK ((cron IS NULL) <> (interval_seconds IS NULL)),
    CONSTRAINT tf_schedule_target_kind_check CHECK (target_kind IN ('task', 'script', 'pipeline')),
    CONSTRAINT tf_schedule_misfire_policy_check CHECK (misfire_policy IN ('SKIP', 'FIRE_ONCE', 'FIRE_ALL'))
);

-- A name belongs to one undeleted schedule of a tenant; deleting the schedule frees it.
CREATE UNIQUE INDEX tf_schedule_name_uidx ON tf_schedule (tenant_id, name) WHERE deleted_at IS NULL;

-- The leader's question: which schedules are due, and when is the next one.
CREATE INDEX tf_schedule_due_idx ON tf_schedule (next_fire_at) WHERE deleted_at IS NULL AND NOT paused;

-- One row per fire. slot is the slot it fired for, null for a manual trigger; the unique key is
-- what makes a slot fire once however many nodes try (NULLs are distinct, so manual triggers
-- never collide). The task a fire created is inserted in the same transaction as its row.
CREATE TABLE tf_schedule_fire (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    schedule_id uuid        NOT NULL REFERENCES tf_schedule (id),
    slot        timestamptz,
    fired_at    timestamptz NOT NULL,
    outcome     text        NOT NULL,
    task_id     uuid,
    run_id      text,
    error       text,
    CONSTRAINT tf_schedule_fire_slot_key UNIQUE (schedule_id, slot),
    CONSTRAINT tf_schedule_fire_outcome_check CHECK (outcome IN ('CREATED', 'FAILED'))
);

-- A schedule's history, newest first.
CREATE INDEX tf_schedule_fire_history_idx ON tf_schedule_fire (schedule_id, id);
