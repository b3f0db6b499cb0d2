package io.taskforge.bench.taskforge;

import io.taskforge.bench.BenchContext;
import io.taskforge.bench.ConcurrentSubmits;
import io.taskforge.bench.Store;
import io.taskforge.bench.Workload;
import io.taskforge.bench.env.BenchDatabase;
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
 * --no-worker}, so that only submitting uses the CPU. Every series is preceded by an unrecorded
 * warm-up. Reports submits/s and the p50 and p99 of one call.
 */
public final class SubmitWorkload implements Workload {

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
            try (Taskforges.ApiServer server = Taskforges.startServer(ctx, db, false);
                    Http http = new Http(maxThreads, server.apiKey())) {
                String url = server.url("/api/v1/tasks");
                for (int threads : settings.submitThreads()) {
                    ctx.log(
                            "B %s: %,d submits through POST /api/v1/tasks from %d threads",
                            store.label(), settings.submits(), threads);
                    expected += record(
                            ctx,
                            store,
                            "http, " + threads(threads),
                            threads,
                            () -> http.post(url, "{\"type\":\"noop\",\"title\":\"submit\"}"));
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
        Duration timeout = Duration.ofSeconds(Math.max(120, total / 50));
        ConcurrentSubmits.Result r = ConcurrentSubmits.run(threads, total, warmup, timeout, call);
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
