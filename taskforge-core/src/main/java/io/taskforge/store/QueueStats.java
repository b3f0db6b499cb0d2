package io.taskforge.store;

/**
 * A queue as operators watch it: live counts by status, its settings, and how long its oldest
 * QUEUED task has waited (null when none waits). Limits are null when the queue has none.
 */
public record QueueStats(
        String name,
        long scheduled,
        long queued,
        long running,
        long retrying,
        long failed,
        boolean paused,
        Integer concurrencyLimit,
        Double ratePerSecond,
        Double oldestQueuedAgeSeconds) {}
