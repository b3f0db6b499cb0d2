package io.taskforge.store;

import java.time.Instant;
import java.util.List;

/**
 * A worker's request for up to {@code max} ready tasks of its {@code queues}: of any tenant, or of
 * {@code tenantId} only when it is not null (a remote worker acting for one tenant; the engine's own
 * workers serve every tenant).
 */
public record ClaimParams(
        String workerId, List<String> queues, int max, Instant now, Instant leaseUntil, String tenantId) {

    /** A claim of tasks of any tenant. */
    public ClaimParams(String workerId, List<String> queues, int max, Instant now, Instant leaseUntil) {
        this(workerId, queues, max, now, leaseUntil, null);
    }

    public ClaimParams {
        queues = List.copyOf(queues);
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
    }
}
