-- Queue settings (pause, cluster-wide concurrency and rate limits) and the rate limiter's state.
-- A queue without a row is unpaused and unlimited, which is what claims see for it.

CREATE TABLE tf_queue (
    tenant_id         TEXT    NOT NULL DEFAULT 'default',
    name              TEXT    NOT NULL,
    paused            INTEGER NOT NULL DEFAULT 0,
    -- At most this many tasks of the queue RUNNING at once across every worker; NULL: no limit.
    concurrency_limit INTEGER,
    -- At most this many starts per second across every worker; NULL: no limit.
    rate_per_second   REAL,
    -- The token bucket behind rate_per_second: tokens left at tokens_at, refilled continuously at
    -- rate_per_second up to max(1, rate_per_second / 5). NULL tokens: a full bucket. Claims take
    -- tokens and write them back in their own transaction, which holds the database's write lock.
    tokens            REAL,
    tokens_at         INTEGER,
    updated_at        INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, name),
    CONSTRAINT tf_queue_concurrency_limit_check CHECK (concurrency_limit IS NULL OR concurrency_limit > 0),
    CONSTRAINT tf_queue_rate_per_second_check CHECK (rate_per_second IS NULL OR rate_per_second > 0)
) STRICT;

-- Live counts per queue (GET /queues) and RUNNING tasks of a concurrency-limited queue (claims).
-- Partial: finished tasks pile up, these states stay small.
CREATE INDEX tf_task_queue_status_idx ON tf_task (queue, status)
    WHERE status IN ('PENDING', 'SCHEDULED', 'QUEUED', 'RUNNING', 'RETRYING', 'FAILED') AND deleted_at IS NULL;
