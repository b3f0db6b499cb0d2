package io.taskforge.store;

import java.time.Instant;

/**
 * Runtime settings of a queue, cluster-wide. A paused queue is not claimed from (running tasks go
 * on). {@code concurrencyLimit} bounds the tasks RUNNING in the queue across every worker; {@code
 * ratePerSecond} bounds the tasks started per second across every worker. Null: no limit.
 */
public record QueueSettings(
        String name, boolean paused, Integer concurrencyLimit, Double ratePerSecond, Instant updatedAt) {

    public static QueueSettings defaults(String name) {
        return new QueueSettings(name, false, null, null, null);
    }

    public boolean limited() {
        return paused || concurrencyLimit != null || ratePerSecond != null;
    }
}
