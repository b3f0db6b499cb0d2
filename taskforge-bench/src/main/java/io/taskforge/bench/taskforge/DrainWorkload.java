package io.taskforge.bench.taskforge;

import io.taskforge.bench.BenchContext;
import io.taskforge.bench.Store;
import io.taskforge.bench.Workload;
import io.taskforge.bench.env.BenchDatabase;
import io.taskforge.bench.env.ChildJvm;
import io.taskforge.bench.env.PostgresCpu;
import io.taskforge.bench.report.Report;
import io.taskforge.client.TaskforgeClient;
import io.taskforge.store.TaskStore;
import java.io.IOException;
import java.util.Map;

/**
 * A. Drain. N noop tasks are inserted through the Java API in the product's largest batches with no
 * worker running (insert/s); then one {@code taskforge worker} process, with the product's default
 * settings, runs them all (worked/s, from the first stored start to the last stored finish, so the
 * JVM's start-up is not counted). CPU time of the worker and of the database's backends is read
 * from /proc between the worker's registration and the end of the drain, per 1,000 tasks run in
 * that window. Then the same N tasks go through {@code POST /api/v1/tasks/batch} of a server
 * process, 1,000 per request from one client thread (insert/s over HTTP).
 */
public final class DrainWorkload implements Workload {
    public static final String SUBJECT_WORKER = "worker process";
    public static final String SUBJECT_JAVA_BATCH = "java api, batches of 1000";

    @Override
    public String id() {
        return "A";
    }

    @Override
    public String title() {
        return "drain: bulk insert, then one worker process runs everything";
    }

    @Override
    public void run(BenchContext ctx, Store store) throws Exception {
        int n = ctx.settings().drainTasks();
        Report report = ctx.report();
        try (BenchDatabase db = ctx.database(store, "drain");
                TaskStore ts = Taskforges.openStore(db, 0)) {
            TaskforgeClient client = Taskforges.client(ts);
            ctx.log("A %s: inserting %,d tasks through the Java API", store.label(), n);
            long began = System.nanoTime();
            Taskforges.submitInBatches(client, n, "drain");
            double seconds = (System.nanoTime() - began) / 1e9;
            report.add("A", store.label(), SUBJECT_JAVA_BATCH, "insert/s", n / seconds, "tasks/s");
            drain(ctx, store, db, ts, n, "A", SUBJECT_WORKER, worker -> {});
        }
        httpBatches(ctx, store, n);
    }

    /**
     * Starts one worker process on a table holding {@code expected} waiting tasks, waits until none
     * is left, and reports the drain; then hands the idle worker to {@code afterwards} before
     * stopping it. Shared with the backlog workload.
     *
     * @return worked/s
     */
    static double drain(
            BenchContext ctx,
            Store store,
            BenchDatabase db,
            TaskStore ts,
            int expected,
            String workload,
            String subject,
            AfterDrain afterwards)
            throws Exception {
        Report report = ctx.report();
        TaskTable table = new TaskTable(db);
        PostgresCpu pgCpu = store == Store.POSTGRESQL && ctx.postgres().isLocal() ? new PostgresCpu(db.name()) : null;
        long succeededBefore = table.countByStatus().getOrDefault("SUCCEEDED", 0L);
        long sinceMillis = System.currentTimeMillis() - 1;
        ctx.log("%s %s: one worker process runs %,d tasks", workload, store.label(), expected);
        long launched = System.nanoTime();
        double cpuTasks;
        double workerCpu;
        double dbCpu = Double.NaN;
        double dbSharedCpu = Double.NaN;
        double wall;
        Map<String, Long> counts;
        TaskTable.Span span;
        try (ChildJvm worker = Taskforges.startWorker(ctx, db, ts)) {
            double workerCpu0 = worker.cpuSeconds();
            PostgresCpu.Snapshot pg0 = pgCpu == null ? null : pgCpu.snapshot();
            long left0 = table.unfinished();
            long deadline = System.nanoTime() + ctx.settings().drainTimeout().toNanos();
            long left = left0;
            while (left > 0) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IOException(
                            workload + " " + store.label() + ": " + left + " tasks still unfinished after "
                                    + ctx.settings().drainTimeout() + "; worker output:\n" + worker.tail());
                }
                Thread.sleep(250);
                left = table.unfinished();
            }
            // Read CPU while the worker's connections are still open (see PostgresCpu).
            if (left0 == 0) {
                // A tiny run (the smoke test) can drain before the first reading: then the whole
                // process is counted, start-up included (an overestimate), and the database's share,
                // which began after the work, is not reported.
                workerCpu = worker.cpuSeconds();
                cpuTasks = expected;
                pg0 = null;
            } else {
                workerCpu = worker.cpuSeconds() - workerCpu0;
                cpuTasks = left0;
            }
            if (pg0 != null) {
                PostgresCpu.Snapshot pg1 = pgCpu.snapshot();
                if (pg1.found()) {
                    dbCpu = pg1.backendSecondsSince(pg0);
                    dbSharedCpu = pg1.sharedSecondsSince(pg0);
                }
            }
            wall = (System.nanoTime() - launched) / 1e9;
            counts = table.countByStatus();
            span = table.span(sinceMillis);
            afterwards.accept(worker);
        }
        long succeeded = counts.getOrDefault("SUCCEEDED", 0L) - succeededBefore;
        double workedPerSecond = expected / Math.max(span.seconds(), 0.001);
        report.add(workload, store.label(), subject, "worked/s", workedPerSecond, "tasks/s");
        report.add(workload, store.label(), subject, "tasks succeeded", succeeded, "tasks");
        report.add(workload, store.label(), subject, "tasks not succeeded", expected - succeeded, "tasks");
        report.add(workload, store.label(), subject, "wall time from process launch", wall, "s");
        if (cpuTasks > 0) {
            report.add(workload, store.label(), subject, "worker CPU per 1000 tasks", workerCpu * 1000 / cpuTasks, "s");
            if (!Double.isNaN(dbCpu)) {
                report.add(
                        workload,
                        store.label(),
                        subject,
                        "db backends CPU per 1000 tasks",
                        dbCpu * 1000 / cpuTasks,
                        "s");
                report.add(
                        workload,
                        store.label(),
                        subject,
                        "db shared processes CPU per 1000 tasks",
                        dbSharedCpu * 1000 / cpuTasks,
                        "s");
            }
        }
        if (succeeded < expected) {
            throw new IOException(workload + " " + store.label() + ": only " + succeeded + " of " + expected
                    + " tasks succeeded: " + counts);
        }
        return workedPerSecond;
    }

    /** What to do with the worker once the drain is over, before it stops. */
    @FunctionalInterface
    interface AfterDrain {
        void accept(ChildJvm idleWorker) throws Exception;
    }

    private static void httpBatches(BenchContext ctx, Store store, int n) throws Exception {
        try (BenchDatabase db = ctx.database(store, "drainhttp");
                Taskforges.ApiServer server = Taskforges.startServer(ctx, db, false);
                Http http = new Http(1, server.apiKey())) {
            ctx.log("A %s: inserting %,d tasks through POST /api/v1/tasks/batch", store.label(), n);
            int batch = 1000;
            String full = batchBody(batch);
            long began = System.nanoTime();
            for (int done = 0; done < n; done += batch) {
                int size = Math.min(batch, n - done);
                http.post(server.url("/api/v1/tasks/batch"), size == batch ? full : batchBody(size));
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            long stored = new TaskTable(db).countByStatus().getOrDefault("QUEUED", 0L);
            ctx.report().add("A", store.label(), "http batch, 1000 per request", "insert/s", n / seconds, "tasks/s");
            ctx.report().add("A", store.label(), "http batch, 1000 per request", "tasks stored", stored, "tasks");
            if (stored != n) {
                throw new IOException(
                        "A " + store.label() + ": " + stored + " of " + n + " tasks sent over HTTP are stored");
            }
        }
    }

    private static String batchBody(int size) {
        StringBuilder body = new StringBuilder("{\"tasks\":[");
        for (int i = 0; i < size; i++) {
            body.append(i == 0 ? "" : ",").append("{\"type\":\"noop\",\"title\":\"http-batch\"}");
        }
        return body.append("]}").toString();
    }
}
