package io.taskforge.bench.taskforge;

import io.taskforge.bench.BenchContext;
import io.taskforge.bench.ConcurrentSubmits;
import io.taskforge.bench.Store;
import io.taskforge.bench.Workload;
import io.taskforge.bench.env.BenchDatabase;
import io.taskforge.bench.env.Wrk;
import io.taskforge.client.TaskforgeClient;
import io.taskforge.store.TaskStore;
import io.taskforge.task.NewTask;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;

/**
 * B. Single submits: one noop task per call, from 1 and from 16 client threads, through the Java
 * API ({@code TaskforgeClient.submit} over a store the harness opens, its pool at least as large as
 * the thread count) and through {@code POST /api/v1/tasks} of a server process run with {@code
 * --no-worker}, so that only submitting uses the CPU, from wrk threads with one connection each.
 * Every series is preceded by an unrecorded warm-up. Reports submits/s and the p50 and p99 of one
 * call.
 */
public final class SubmitWorkload implements Workload {
    private static final String HTTP_BODY = "{\"type\":\"noop\",\"title\":\"submit\"}";

    @Override
    public String id() {
        return "B";
    }

    @Override
    public String title() {
        return "single submits from 1 and 16 threads, Java API and HTTP";
    }

    @Override
    public void run(BenchContext ctx, Store store) throws Exception {
        var settings = ctx.settings();
        int maxThreads = Collections.max(settings.submitThreads());
        long expected = 0;
        try (BenchDatabase db = ctx.database(store, "submits")) {
            try (TaskStore ts = Taskforges.openStore(db, maxThreads > 8 ? maxThreads : 0)) {
                TaskforgeClient client = Taskforges.client(ts);
                NewTask task = NewTask.ofType("noop").title("submit").build();
                for (int threads : settings.submitThreads()) {
                    ctx.log(
                            "B %s: %,d submits through the Java API from %d threads",
                            store.label(), settings.submits(), threads);
                    expected += record(ctx, store, "java api, " + threads(threads), threads, () -> client.submit(task));
                }
            }
            Wrk.requireInstalled();
            try (Taskforges.ApiServer server = Taskforges.startServer(ctx, db, false)) {
                // The server process is new: its JIT compiler needs more calls than one series'
                // warm-up before the figures describe the server rather than its compiler (as D's
                // 15 s warm-up runs).
                int serverWarmup = 4 * settings.submitWarmup();
                if (serverWarmup > 0) {
                    postCounted(ctx, server, serverWarmup, 16);
                    expected += serverWarmup;
                }
                for (int threads : settings.submitThreads()) {
                    ctx.log(
                            "B %s: %,d submits through POST /api/v1/tasks from %d wrk threads",
                            store.label(), settings.submits(), threads);
                    expected += recordHttp(ctx, store, server, threads);
                }
            }
            long stored = new TaskTable(db).countByStatus().getOrDefault("QUEUED", 0L);
            ctx.report().add("B", store.label(), "all series", "tasks stored", stored, "tasks");
            if (stored != expected) {
                throw new IOException(
                        "B " + store.label() + ": " + expected + " submits answered, " + stored + " stored");
            }
        }
    }

    /**
     * One series over HTTP, made by wrk: each of {@code threads} wrk threads holds one keep-alive
     * connection and sends its next POST when the last is answered, until the series' submits are
     * answered. wrk rather than a Java client: Apache HttpClient 5 spent about 120 µs of CPU per call
     * (half of what the server spends on the submit), on the same two cores, and its time joined
     * the latency of every call.
     */
    private static long recordHttp(BenchContext ctx, Store store, Taskforges.ApiServer server, int threads)
            throws Exception {
        int warmup = ctx.settings().submitWarmup();
        int total = ctx.settings().submits();
        if (warmup > 0) {
            postCounted(ctx, server, warmup, threads);
        }
        Wrk.Result r = postCounted(ctx, server, total, threads);
        String subject = "http, " + threads(threads);
        var report = ctx.report();
        report.add("B", store.label(), subject, "submits/s", r.requestsPerSecond(), "tasks/s");
        report.add("B", store.label(), subject, "submit p50", r.p50Millis(), "ms");
        report.add("B", store.label(), subject, "submit p99", r.p99Millis(), "ms");
        report.add("B", store.label(), subject, "submitted", r.requests() - r.errors(), "tasks");
        report.add("B", store.label(), subject, "errors", r.errors(), "errors");
        if (r.errors() > 0 || r.requests() != total) {
            throw new IOException("B " + store.label() + " " + subject + ": " + r.requests() + " of " + total
                    + " submits answered, " + r.errors() + " failed");
        }
        return total + (long) warmup;
    }

    /** {@code calls} POSTs of a noop task by wrk, from as many threads as asked (no more than calls). */
    private static Wrk.Result postCounted(BenchContext ctx, Taskforges.ApiServer server, int calls, int threads)
            throws Exception {
        return Wrk.runCounted(
                ctx.workDir(),
                server.url("/api/v1/tasks"),
                HTTP_BODY,
                calls,
                Math.min(threads, calls),
                bound(calls),
                server.apiKey());
    }

    /** How long a series of {@code calls} may take before it counts as stuck. */
    private static Duration bound(int calls) {
        return Duration.ofSeconds(Math.max(120, calls / 50));
    }

    /** Runs one series and reports it; returns how many tasks it stored, warm-up included. */
    static long record(BenchContext ctx, Store store, String subject, int threads, ConcurrentSubmits.Call call)
            throws Exception {
        return record(ctx, "B", store, subject, threads, ctx.settings().submits(), call);
    }

    static long record(
            BenchContext ctx,
            String workload,
            Store store,
            String subject,
            int threads,
            int total,
            ConcurrentSubmits.Call call)
            throws Exception {
        int warmup = ctx.settings().submitWarmup();
        ConcurrentSubmits.Result r = ConcurrentSubmits.run(threads, total, warmup, bound(total), call);
        var report = ctx.report();
        report.add(workload, store.label(), subject, "submits/s", r.perSecond(), "tasks/s");
        r.latencies().report(report, workload, store, subject, "submit", false);
        report.add(workload, store.label(), subject, "submitted", r.completed(), "tasks");
        report.add(workload, store.label(), subject, "errors", r.failed(), "errors");
        if (r.failed() > 0 || r.completed() != total) {
            throw new IOException(workload + " " + store.label() + " " + subject + ": " + r.completed() + " of " + total
                    + " submits completed, " + r.failed() + " failed"
                    + (r.firstError() == null ? "" : ", first: " + r.firstError()));
        }
        return total + (long) warmup;
    }

    static String threads(int n) {
        return n == 1 ? "1 thread" : n + " threads";
    }
}
