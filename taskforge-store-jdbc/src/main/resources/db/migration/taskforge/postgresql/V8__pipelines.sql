-- Pipelines and their runs. A pipeline is its versions: saving a definition under a name that
-- exists adds version n + 1 under the same id, and a run keeps the version it started with.
-- Versions are never changed, so the foreign key from a run always finds its definition.
--
-- The steps of a run are ordinary tf_task rows (pipeline_run_id, node), created PENDING with the
-- run; tf_task.pipeline_run_id holds the run id as text.

CREATE TABLE tf_pipeline (
    id         uuid        NOT NULL,
    tenant_id  text        NOT NULL DEFAULT 'default',
    -- "C" compares bytes, as SQLite does: the list by name and its cursor agree everywhere.
    name       text        COLLATE "C" NOT NULL,
    version    integer     NOT NULL,
    -- json, not jsonb: the definition reads back as it was written (see V1).
    definition json        NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (id, version)
);

-- One pipeline per name and tenant; also serves lookups by name and the list in name order.
CREATE UNIQUE INDEX tf_pipeline_name_uidx ON tf_pipeline (tenant_id, name, version);

CREATE TABLE tf_pipeline_run (
    id               uuid        PRIMARY KEY,
    tenant_id        text        NOT NULL DEFAULT 'default',
    pipeline_id      uuid        NOT NULL,
    pipeline_version integer     NOT NULL,
    -- The run's parameters with the definition's defaults filled in.
    params           json        NOT NULL,
    status           text        NOT NULL,
    error            text,
    -- Set by a schedule's fire: a fire repeated after a leader change starts no second run.
    idempotency_key  text,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    finished_at      timestamptz,
    FOREIGN KEY (pipeline_id, pipeline_version) REFERENCES tf_pipeline (id, version),
    CONSTRAINT tf_pipeline_run_status_check CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'))
);

-- The list of runs, newest first, with or without a pipeline or status filter.
CREATE INDEX tf_pipeline_run_created_idx ON tf_pipeline_run (tenant_id, created_at, id);
CREATE INDEX tf_pipeline_run_pipeline_idx ON tf_pipeline_run (pipeline_id, created_at, id);
CREATE UNIQUE INDEX tf_pipeline_run_idempotency_uidx ON tf_pipeline_run (tenant_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;

-- A run reads all its tasks, deleted ones too (a deleted step counts as cancelled), each time one
-- of them finishes: the index of V1 left deleted tasks out, so it could not serve that read.
DROP INDEX tf_task_pipeline_run_idx;
CREATE INDEX tf_task_pipeline_run_idx ON tf_task (pipeline_run_id) WHERE pipeline_run_id IS NOT NULL;
