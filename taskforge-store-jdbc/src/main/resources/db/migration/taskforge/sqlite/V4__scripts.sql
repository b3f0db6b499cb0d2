-- Stored scripts and their versions. A script row holds what may change in place (name,
-- description, the queue, timeout and attempts of its tasks) and the number of its current
-- version; the executable part (language, content, parameter schema) lives in version rows that
-- are never changed, so a task pinned to a version runs exactly that, even after the script
-- changed or was deleted (scripts are only ever soft-deleted, so the foreign key always holds).

CREATE TABLE tf_script (
    id              TEXT    NOT NULL PRIMARY KEY,
    tenant_id       TEXT    NOT NULL DEFAULT 'default',
    -- The default BINARY collation compares bytes, as PostgreSQL's "C" does for this column.
    name            TEXT    NOT NULL,
    description     TEXT,
    queue           TEXT    NOT NULL,
    timeout_seconds INTEGER NOT NULL,
    max_attempts    INTEGER NOT NULL,
    version         INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    deleted_at      INTEGER
) STRICT;

-- A name belongs to one undeleted script of a tenant; deleting the script frees it. Also serves
-- lookups by name and the list in name order.
CREATE UNIQUE INDEX tf_script_name_uidx ON tf_script (tenant_id, name) WHERE deleted_at IS NULL;

CREATE TABLE tf_script_version (
    script_id  TEXT    NOT NULL REFERENCES tf_script (id),
    version    INTEGER NOT NULL,
    language   TEXT    NOT NULL,
    content    TEXT    NOT NULL,
    parameters TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (script_id, version),
    CONSTRAINT tf_script_version_language_check CHECK (language IN ('bash', 'sh', 'python'))
) STRICT;
