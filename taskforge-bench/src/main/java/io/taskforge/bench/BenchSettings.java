package io.taskforge.bench;

import java.time.Duration;
import java.util.List;

/**
 * The sizes of one run. {@link #full()} is what issue 7 asks for; {@link #quick()} is tiny, for
 * trying the harness and for the smoke test. Options of {@code ./taskforge bench} override single
 * values of either.
 *
 * @param drainTasks A: tasks inserted in bulk, then drained by one worker process
 * @param submits B: single submits per thread count and path
 * @param submitThreads B: the client thread counts
 * @param submitWarmup B: unrecorded submits before each measured series
 * @param latencyTasks C: tasks submitted {@code latencyInterval} apart to an idle worker
 * @param latencyWarmup C: unrecorded tasks before the measured ones
 * @param apiDuration D: how long wrk runs against each endpoint
 * @param apiWarmup D: an unrecorded wrk run before each measured one
 * @param apiConnections D: wrk connections
 * @param wrkThreads D: wrk threads
 * @param apiSeedTasks D: QUEUED tasks stored before the load, so the list has pages to serve
 * @param backlogFinished E: finished tasks written into the table
 * @param backlogWaiting E: waiting tasks drained with and without the finished ones
 * @param backlogProbes E: tasks submitted 10 ms apart to an idle worker, for its pick-up latency
 * @param peerTasks F: jobs each peer drains
 * @param peerSubmits F: single submits per thread count for each peer
 * @param peerLatencyTasks F: jobs submitted {@code latencyInterval} apart to each idle peer
 * @param drainTimeout the longest any drain may take before the workload fails
 */
public record BenchSettings(
        int drainTasks,
        int submits,
        List<Integer> submitThreads,
        int submitWarmup,
        int latencyTasks,
        Duration latencyInterval,
        int latencyWarmup,
        Duration apiDuration,
        Duration apiWarmup,
        int apiConnections,
        int wrkThreads,
        int apiSeedTasks,
        int backlogFinished,
        int backlogWaiting,
        int backlogProbes,
        int peerTasks,
        int peerSubmits,
        int peerLatencyTasks,
        Duration drainTimeout) {

    public BenchSettings {
        submitThreads = List.copyOf(submitThreads);
        positive("drain tasks", drainTasks);
        positive("submits", submits);
        positive("latency tasks", latencyTasks);
        positive("backlog waiting", backlogWaiting);
        positive("backlog probes", backlogProbes);
        positive("peer tasks", peerTasks);
        positive("peer submits", peerSubmits);
        positive("peer latency tasks", peerLatencyTasks);
        positive("connections", apiConnections);
        positive("wrk threads", wrkThreads);
        positive("seed tasks", apiSeedTasks);
        if (backlogFinished < 0 || submitWarmup < 0 || latencyWarmup < 0) {
            throw new IllegalArgumentException("sizes must not be negative");
        }
        if (submitThreads.isEmpty() || submitThreads.stream().anyMatch(t -> t < 1 || t > 1024)) {
            throw new IllegalArgumentException("thread counts must be 1..1024, was " + submitThreads);
        }
        if (apiDuration.toMillis() < 1000) {
            throw new IllegalArgumentException("the API duration must be at least 1s (wrk counts whole seconds)");
        }
        if (latencyInterval.isNegative() || latencyInterval.isZero()) {
            throw new IllegalArgumentException("the latency interval must be positive");
        }
    }

    public static BenchSettings full() {
        return new BenchSettings(
                100_000,
                10_000,
                List.of(1, 16),
                // Enough calls for the JIT to have compiled the submit path of the harness and the
                // server (1,000 took under 2 s over HTTP, with C2 still at work).
                5_000,
                1_000,
                Duration.ofMillis(10),
                100,
                Duration.ofSeconds(30),
                // The JIT compiles a request's code for tens of seconds; a 5 s warm-up left C2 using
                // a core during the measured run (per-thread CPU of the server).
                Duration.ofSeconds(15),
                64,
                2,
                1_000,
                1_000_000,
                100_000,
                300,
                100_000,
                10_000,
                1_000,
                Duration.ofMinutes(20));
    }

    public static BenchSettings quick() {
        return new BenchSettings(
                300,
                200,
                List.of(1, 16),
                20,
                30,
                Duration.ofMillis(10),
                5,
                Duration.ofSeconds(1),
                Duration.ZERO,
                16,
                1,
                100,
                2_000,
                300,
                20,
                200,
                200,
                30,
                Duration.ofMinutes(2));
    }

    private static void positive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, was " + value);
        }
    }
}
