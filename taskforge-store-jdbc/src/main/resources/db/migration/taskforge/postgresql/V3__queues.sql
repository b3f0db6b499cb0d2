-- Queue settings (pause, cluster-wide concurrency and rate limits) and the rate limiter's state.
-- A queue without a row is unpaused and unlimited, which is what claims see for it.

CREATE TABLE tf_queue (
    tenant_id         text             NOT NULL DEFAULT 'default',
    name              text             NOT NULL,
    paused            boolean          NOT NULL DEFAULT false,
    -- At most this many tasks of the queue RUNNING at once across every worker; NULL: no limit.
    concurrency_limit integer,
    -- At most this many starts per second across every worker; NULL: no limit.
    rate_per_second   double precision,
    -- The token bucket behind rate_per_second: tokens left at tokens_at, refilled continuously at
    -- rate_per_second up to max(1, rate_per_second / 5). NULL tokens: a full bucket. Claims of a
    -- rate-limited queue lock this row, take tokens and write it back in their own transaction.
    tokens            double precision,
    tokens_at         timestamptz,
    updated_at        timestamptz      NOT NULL,
    PRIMARY KEY (tenant_id, name),
    CONSTRAINT tf_queue_concurrency_limit_check CHECK (concurrency_limit IS NULL OR concurrency_limit > 0),
    CONSTRAINT tf_queue_rate_per_second_check CHECK (rate_per_second IS NULL OR rate_per_second > 0)
);

-- Live counts per queue (GET /queues) and RUNNING tasks of a concurrency-limited queue (claims).
-- Partial: finished tasks pile up, these states stay small.
CREATE INDEX tf_task_queue_status_idx ON tf_task (queue, status)
    WHERE status IN ('PENDING', 'SCHEDULED', 'QUEUED', 'RUNNING', 'RETRYING', 'FAILED') AND deleted_at IS NULL;
