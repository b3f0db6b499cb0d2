package io.taskforge.bench.taskforge;

import io.taskforge.bench.BenchContext;
import io.taskforge.bench.Latencies;
import io.taskforge.bench.Store;
import io.taskforge.bench.Workload;
import io.taskforge.bench.env.BenchDatabase;
import io.taskforge.client.TaskDefaults;
import io.taskforge.engine.Taskforge;
import io.taskforge.handler.TaskContext;
import io.taskforge.handler.TaskHandler;
import io.taskforge.json.JsonCodec;
import io.taskforge.pipeline.PipelineRun;
import io.taskforge.pipeline.PipelineService;
import io.taskforge.pipeline.RunStatus;
import io.taskforge.store.TaskStore;
import io.taskforge.store.jdbc.JdbcStores;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * G. Pipeline step hand-off on an idle engine: runs of a chain of {@value #STEPS} steps, one run
 * at a time, on an embedded engine. The latency is from the moment a step's handler returns to the
 * moment the next step's handler begins (both {@code System.nanoTime()}): the outcome's batch
 * write, the promotion of the next step in that same transaction, the wake-up and the claim.
 */
public final class PipelineWorkload implements Workload {
    static final String SUBJECT = "embedded engine, chain of " + PipelineWorkload.STEPS + " steps";
    static final int STEPS = 11;
    private static final String TYPE = "bench.step";

    @Override
    public String id() {
        return "G";
    }

    @Override
    public String title() {
        return "pipeline hand-off: upstream step finished to downstream step started";
    }

    @Override
    public void run(BenchContext ctx, Store store) throws Exception {
        int handoffs = ctx.settings().latencyTasks();
        int runs = Math.max(1, (handoffs + STEPS - 2) / (STEPS - 1));
        ctx.log("G %s: %,d runs of a chain of %d steps on an idle embedded engine", store.label(), runs, STEPS);
        Map<String, long[]> times = new ConcurrentHashMap<>();
        try (BenchDatabase db = ctx.database(store, "pipeline");
                TaskStore ts = Taskforges.openStore(db, 0);
                Taskforge tf = Taskforge.builder(ts)
                        .handler(new Recorder(times))
                        .closeStore(false)
                        .build()) {
            tf.start();
            PipelineService pipelines = new PipelineService(
                    JdbcStores.pipelines(ts), JsonCodec.load(), Clock.systemUTC(), TaskDefaults.STANDARD, () -> null);
            pipelines.save(chain(), true);
            // One unrecorded run warms up the paths the measured runs take.
            for (int r = -1; r < runs; r++) {
                PipelineRun run =
                        pipelines.run("bench-chain", Map.of("run", r), null).orElseThrow();
                awaitFinished(pipelines, run.id());
            }
        }
        Latencies l = new Latencies();
        for (int r = 0; r < runs; r++) {
            for (int s = 1; s < STEPS; s++) {
                long[] before = times.get(r + "/" + (s - 1));
                long[] after = times.get(r + "/" + s);
                if (before != null && after != null) {
                    l.recordNanos(after[0] - before[1]);
                }
            }
        }
        l.report(ctx.report(), "G", store, SUBJECT, "step hand-off", true);
        ctx.report().add("G", store.label(), SUBJECT, "hand-offs", l.count(), "hand-offs");
        if (l.count() != (long) runs * (STEPS - 1)) {
            throw new IOException("G " + store.label() + ": " + l.count() + " of " + runs * (STEPS - 1) + " hand-offs");
        }
    }

    private static String chain() {
        StringBuilder yaml = new StringBuilder("name: bench-chain\nsteps:\n");
        for (int s = 0; s < STEPS; s++) {
            yaml.append("  - {id: s").append(s).append(", type: ").append(TYPE);
            if (s > 0) {
                yaml.append(", dependsOn: [s").append(s - 1).append(']');
            }
            yaml.append(", payload: {key: \"${params.run}/").append(s).append("\"}}\n");
        }
        return yaml.toString();
    }

    private static void awaitFinished(PipelineService pipelines, String runId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            RunStatus status = pipelines.getRun(runId).orElseThrow().run().status();
            if (status == RunStatus.SUCCEEDED) {
                return;
            }
            if (status.isFinished() || System.nanoTime() - deadline > 0) {
                throw new IOException("G: run " + runId + " ended " + status);
            }
            Thread.sleep(5);
        }
    }

    /** Notes when each step's handler began and when it returned, by {@code run/step}. */
    private record Recorder(Map<String, long[]> times) implements TaskHandler {
        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public Object handle(TaskContext ctx) {
            long start = System.nanoTime();
            String json = ctx.payloadJson();
            String key = json.substring(json.indexOf(':') + 1).replaceAll("[^0-9/-]", "");
            times.put(key, new long[] {start, System.nanoTime()});
            return null;
        }
    }
}
