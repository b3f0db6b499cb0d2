-- Registered worker processes and leader leases.

CREATE TABLE tf_worker (
    id                TEXT    NOT NULL PRIMARY KEY,
    host              TEXT    NOT NULL,
    pid               INTEGER NOT NULL,
    -- JSON array of queue names.
    queues            TEXT    NOT NULL,
    concurrency       INTEGER NOT NULL,
    busy              INTEGER NOT NULL,
    started_at        INTEGER NOT NULL,
    last_heartbeat_at INTEGER NOT NULL,
    status            TEXT    NOT NULL,
    CONSTRAINT tf_worker_status_check CHECK (status IN ('ACTIVE', 'LOST', 'STOPPED'))
) STRICT;

-- One row per leader duty; whoever holds an unexpired row leads.
CREATE TABLE tf_leader (
    name       TEXT    NOT NULL PRIMARY KEY,
    holder     TEXT    NOT NULL,
    expires_at INTEGER NOT NULL
) STRICT;
