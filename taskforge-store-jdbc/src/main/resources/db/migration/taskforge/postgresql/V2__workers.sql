-- Registered worker processes and leader leases.

CREATE TABLE tf_worker (
    id                text        PRIMARY KEY,
    host              text        NOT NULL,
    pid               bigint      NOT NULL,
    queues            text[]      NOT NULL,
    concurrency       integer     NOT NULL,
    busy              integer     NOT NULL,
    started_at        timestamptz NOT NULL,
    last_heartbeat_at timestamptz NOT NULL,
    status            text        NOT NULL,
    CONSTRAINT tf_worker_status_check CHECK (status IN ('ACTIVE', 'LOST', 'STOPPED'))
);

-- One row per leader duty; whoever holds an unexpired row leads.
CREATE TABLE tf_leader (
    name       text        PRIMARY KEY,
    holder     text        NOT NULL,
    expires_at timestamptz NOT NULL
);
