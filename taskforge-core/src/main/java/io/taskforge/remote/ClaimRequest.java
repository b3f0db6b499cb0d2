package io.taskforge.remote;

import java.util.List;

/**
 * A remote worker asks for work. Everything but {@code workerId} and {@code queues} may be null and
 * then takes its default; {@link RemoteWorkers#claim} checks the bounds.
 *
 * @param workerId the worker's own, stable id; every later report names it
 * @param queues the queues to claim from
 * @param max most tasks to hand out now (its free slots), 1..100, default 1
 * @param leaseSeconds how long the claim holds without a heartbeat, 5..3600, default 30
 * @param host shown in the worker registry; null: the address the request came from
 * @param pid shown in the worker registry; null: 0
 * @param concurrency the worker's slots, for the registry; null: {@code max}
 * @param busy slots the worker is using already, for the registry; null: 0
 */
public record ClaimRequest(
        String workerId,
        List<String> queues,
        Integer max,
        Integer leaseSeconds,
        String host,
        Long pid,
        Integer concurrency,
        Integer busy) {

    /** A request with the defaults for everything but the worker and its queues. */
    public static ClaimRequest of(String workerId, List<String> queues, int max) {
        return new ClaimRequest(workerId, queues, max, null, null, null, null, null);
    }
}
