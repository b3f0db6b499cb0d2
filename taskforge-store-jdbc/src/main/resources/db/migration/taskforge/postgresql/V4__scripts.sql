-- Stored scripts and their versions. A script row holds what may change in place (name,
-- description, the queue, timeout and attempts of its tasks) and the number of its current
-- version; the executable part (language, content, parameter schema) lives in version rows that
-- are never changed, so a task pinned to a version runs exactly that, even after the script
-- changed or was deleted (scripts are only ever soft-deleted, so the foreign key always holds).

CREATE TABLE tf_script (
    id              uuid        PRIMARY KEY,
    tenant_id       text        NOT NULL DEFAULT 'default',
    -- "C" compares bytes, as SQLite does: the list by name and its keyset cursor agree everywhere.
    name            text        COLLATE "C" NOT NULL,
    description     text,
    queue           text        NOT NULL,
    timeout_seconds integer     NOT NULL,
    max_attempts    integer     NOT NULL,
    version         integer     NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    deleted_at      timestamptz
);

-- A name belongs to one undeleted script of a tenant; deleting the script frees it. Also serves
-- lookups by name and the list in name order.
CREATE UNIQUE INDEX tf_script_name_uidx ON tf_script (tenant_id, name) WHERE deleted_at IS NULL;

CREATE TABLE tf_script_version (
    script_id  uuid        NOT NULL REFERENCES tf_script (id),
    version    integer     NOT NULL,
    language   text        NOT NULL,
    content    text        NOT NULL,
    -- json, not jsonb: the schema is kept exactly as given (see V1).
    parameters json        NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (script_id, version),
    CONSTRAINT tf_script_version_language_check CHECK (language IN ('bash', 'sh', 'python'))
);
