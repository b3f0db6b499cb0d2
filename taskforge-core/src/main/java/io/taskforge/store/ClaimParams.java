package io.taskforge.store;

import java.time.Instant;
import java.util.List;

/** A worker's request for up to {@code max} ready tasks of its {@code queues}. */
public record ClaimParams(String workerId, List<String> queues, int max, Instant now, Instant leaseUntil) {
    public ClaimParams {
        queues = List.copyOf(queues);
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
    }
}
