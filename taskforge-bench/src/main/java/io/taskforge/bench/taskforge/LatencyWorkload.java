package io.taskforge.bench.taskforge;

import io.taskforge.bench.BenchContext;
import io.taskforge.bench.Latencies;
import io.taskforge.bench.Pacing;
import io.taskforge.bench.Store;
import io.taskforge.bench.Workload;
import io.taskforge.bench.env.BenchDatabase;
import io.taskforge.bench.env.ChildJvm;
import io.taskforge.client.TaskforgeClient;
import io.taskforge.engine.Taskforge;
import io.taskforge.handler.TaskContext;
import io.taskforge.handler.TaskHandler;
import io.taskforge.store.TaskStore;
import io.taskforge.task.NewTask;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * C. Enqueue-to-start latency on an idle worker: tasks submitted one by one through the Java API,
 * 10 ms apart, after an unrecorded warm-up. Measured two ways:
 *
 * <ul>
 *   <li><b>worker process</b>: a {@code taskforge worker} process runs them; the latency is the
 *       stored {@code started_at - created_at}. Both instants are stored at millisecond precision,
 *       so each value is off by up to a millisecond either way. A SQLite worker in another process
 *       cannot be woken by the submitter and finds tasks by polling.
 *   <li><b>embedded engine</b>: the engine runs inside the harness, as an application embeds it
 *       (the same shape as the peers in F); the latency is from just before {@code submit} to the
 *       first line of the handler, both {@code System.nanoTime()}.
 * </ul>
 */
public final class LatencyWorkload implements Workload {
    public static final String SUBJECT_EMBEDDED = "embedded engine (in-handler clock)";
    static final String SUBJECT_WORKER = "worker process (stored ms timestamps)";
    private static final String TYPE = "bench.latency";

    @Override
    public String id() {
        return "C";
    }

    @Override
    public String title() {
        return "enqueue-to-start latency on an idle worker, tasks 10 ms apart";
    }

    @Override
    public void run(BenchContext ctx, Store store) throws Exception {
        var settings = ctx.settings();
        try (BenchDatabase db = ctx.database(store, "latency");
                TaskStore ts = Taskforges.openStore(db, 0)) {
            ctx.log(
                    "C %s: %,d tasks %s ms apart to an idle worker process",
                    store.label(),
                    settings.latencyTasks(),
                    settings.latencyInterval().toMillis());
            try (ChildJvm worker = Taskforges.startWorker(ctx, db, ts)) {
                Latencies l = probeWorker(
                        ctx, db, Taskforges.client(ts), settings.latencyTasks(), "probe", "default", worker);
                report(ctx, store, SUBJECT_WORKER, l, settings.latencyTasks());
            }
        }
        try (BenchDatabase db = ctx.database(store, "latencyembedded")) {
            ctx.log(
                    "C %s: %,d tasks %s ms apart to an idle embedded engine",
                    store.label(),
                    settings.latencyTasks(),
                    settings.latencyInterval().toMillis());
            Latencies l = embedded(ctx, db);
            report(ctx, store, SUBJECT_EMBEDDED, l, settings.latencyTasks());
        }
    }

    private static void report(BenchContext ctx, Store store, String subject, Latencies l, int expected)
            throws IOException {
        l.report(ctx.report(), "C", store, subject, "enqueue-to-start", true);
        ctx.report().add("C", store.label(), subject, "tasks started", l.count(), "tasks");
        if (l.count() != expected) {
            throw new IOException(
                    "C " + store.label() + " " + subject + ": " + l.count() + " of " + expected + " tasks started");
        }
    }

    /**
     * Submits a warm-up and then {@code count} tasks titled {@code title}, paced, to {@code queue}
     * of the running worker; waits until all have run and returns their stored start delays.
     * Shared with E.
     */
    static Latencies probeWorker(
            BenchContext ctx,
            BenchDatabase db,
            TaskforgeClient client,
            int count,
            String title,
            String queue,
            ChildJvm worker)
            throws Exception {
        var settings = ctx.settings();
        TaskTable table = new TaskTable(db);
        NewTask warm = NewTask.ofType("noop").title("warmup").queue(queue).build();
        Pacing.atFixedRate(settings.latencyWarmup(), settings.latencyInterval(), i -> client.submit(warm));
        awaitNoneUnfinished(table, queue, worker);
        NewTask probe = NewTask.ofType("noop").title(title).queue(queue).build();
        Pacing.atFixedRate(count, settings.latencyInterval(), i -> client.submit(probe));
        awaitNoneUnfinished(table, queue, worker);
        Latencies l = new Latencies();
        for (long ms : table.startDelaysMillis(title)) {
            l.recordMicros(ms * 1000);
        }
        return l;
    }

    private static void awaitNoneUnfinished(TaskTable table, String queue, ChildJvm worker) throws Exception {
        worker.await("run every submitted task", Duration.ofMinutes(2), () -> {
            try {
                return table.unfinished(queue) == 0;
            } catch (java.sql.SQLException e) {
                return false;
            }
        });
    }

    private static Latencies embedded(BenchContext ctx, BenchDatabase db) throws Exception {
        var settings = ctx.settings();
        int warmup = settings.latencyWarmup();
        int total = warmup + settings.latencyTasks();
        long[] submitted = new long[total];
        AtomicLongArray started = new AtomicLongArray(total);
        TaskHandler handler = new StartRecorder(started);
        try (Taskforge tf =
                Taskforge.builder(Taskforges.openStore(db, 0)).handler(handler).build()) {
            tf.start();
            TaskforgeClient client = tf.client();
            Pacing.atFixedRate(total, settings.latencyInterval(), i -> {
                submitted[i] = System.nanoTime();
                client.submit(NewTask.ofType(TYPE).payload("{\"i\":" + i + "}").build());
            });
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (System.nanoTime() - deadline < 0 && countStarted(started) < total) {
                Thread.sleep(20);
            }
        }
        Latencies l = new Latencies();
        for (int i = warmup; i < total; i++) {
            long s = started.get(i);
            if (s != 0) {
                l.recordNanos(s - submitted[i]);
            }
        }
        return l;
    }

    private static int countStarted(AtomicLongArray started) {
        int n = 0;
        for (int i = 0; i < started.length(); i++) {
            n += started.get(i) == 0 ? 0 : 1;
        }
        return n;
    }

    /** Notes when the handler of task {@code i} began; the payload is {@code {"i": N}}. */
    private record StartRecorder(AtomicLongArray started) implements TaskHandler {
        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public Object handle(TaskContext ctx) {
            long now = System.nanoTime();
            String json = ctx.payloadJson();
            int i = Integer.parseInt(json.replaceAll("[^0-9]", ""));
            started.compareAndSet(i, 0, now);
            return null;
        }
    }
}
