package io.taskforge.store;

/**
 * A change to a queue's settings. A null field is left as it is; a limit of 0 removes the limit.
 */
public record QueuePatch(Boolean paused, Integer concurrencyLimit, Double ratePerSecond) {
    public QueuePatch {
        if (concurrencyLimit != null && concurrencyLimit < 0) {
            throw new IllegalArgumentException("concurrencyLimit must not be negative");
        }
        if (ratePerSecond != null && (ratePerSecond < 0 || ratePerSecond.isNaN() || ratePerSecond.isInfinite())) {
            throw new IllegalArgumentException("ratePerSecond must be a non-negative number");
        }
    }
}
