package io.taskforge.bench.taskforge;

import io.taskforge.bench.BenchContext;
import io.taskforge.bench.Store;
import io.taskforge.bench.Workload;
import io.taskforge.bench.env.BenchDatabase;
import io.taskforge.bench.env.ChildJvm;
import io.taskforge.bench.env.Wrk;
import io.taskforge.client.TaskforgeClient;
import io.taskforge.store.TaskStore;
import io.taskforge.task.NewTask;
import io.taskforge.task.Task;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * D. The REST API under wrk on loopback: a server process run with {@code --no-worker} over a table
 * seeded with QUEUED tasks, then wrk with 64 connections for 30 s against {@code GET
 * /api/v1/tasks/{id}}, {@code GET /api/v1/tasks?status=QUEUED&limit=50} and {@code POST
 * /api/v1/tasks} (a Lua script in a temporary file), each after an unrecorded warm-up run. The
 * server's resident memory is read once idle (healthy, before any load) and sampled every 250 ms
 * under load (the highest is reported).
 */
public final class ApiWorkload implements Workload {

    @Override
    public String id() {
        return "D";
    }

    @Override
    public String title() {
        return "REST API under wrk: get one task, list a page, create";
    }

    private record Endpoint(String name, String path, boolean post) {}

    @Override
    public void run(BenchContext ctx, Store store) throws Exception {
        Wrk.requireInstalled();
        var settings = ctx.settings();
        try (BenchDatabase db = ctx.database(store, "api")) {
            String id;
            try (TaskStore ts = Taskforges.openStore(db, 0)) {
                TaskforgeClient client = Taskforges.client(ts);
                Taskforges.submitInBatches(client, settings.apiSeedTasks() - 1, "seed");
                Task one = client.submit(NewTask.ofType("noop").title("seed").build());
                id = one.id();
            }
            Path script = Wrk.postScript(ctx.workDir(), "{\"type\":\"noop\",\"title\":\"wrk\"}");
            List<Endpoint> endpoints = List.of(
                    new Endpoint("GET /tasks/{id}", "/api/v1/tasks/" + id, false),
                    new Endpoint("GET /tasks?status=QUEUED&limit=50", "/api/v1/tasks?status=QUEUED&limit=50", false),
                    new Endpoint("POST /tasks", "/api/v1/tasks", true));
            List<String> failures = new ArrayList<>();
            try (Taskforges.ApiServer server = Taskforges.startServer(ctx, db, false)) {
                Thread.sleep(2000);
                long idle = server.process().rssKiB();
                ctx.report().add("D", store.label(), "server process", "RSS idle", idle / 1024.0, "MiB");
                long peak = 0;
                for (Endpoint e : endpoints) {
                    String url = server.url(e.path());
                    Path lua = e.post() ? script : null;
                    if (!settings.apiWarmup().isZero()) {
                        Wrk.run(
                                url,
                                settings.wrkThreads(),
                                settings.apiConnections(),
                                settings.apiWarmup(),
                                lua,
                                server.apiKey());
                    }
                    ctx.log(
                            "D %s: wrk %s, %d connections, %ds",
                            store.label(),
                            e.name(),
                            settings.apiConnections(),
                            settings.apiDuration().toSeconds());
                    Wrk.Result r;
                    double cpu0 = server.process().cpuSeconds();
                    try (RssSampler sampler = RssSampler.start(server.process())) {
                        r = Wrk.run(
                                url,
                                settings.wrkThreads(),
                                settings.apiConnections(),
                                settings.apiDuration(),
                                lua,
                                server.apiKey());
                        peak = Math.max(peak, sampler.peakKiB());
                    }
                    var report = ctx.report();
                    report.add("D", store.label(), e.name(), "requests/s", r.requestsPerSecond(), "requests/s");
                    report.add("D", store.label(), e.name(), "latency p50", r.p50Millis(), "ms");
                    report.add("D", store.label(), e.name(), "latency p99", r.p99Millis(), "ms");
                    report.add("D", store.label(), e.name(), "requests", r.requests(), "requests");
                    report.add("D", store.label(), e.name(), "errors", r.errors(), "errors");
                    // What a request costs the server, whatever else shares the cores (wrk, PostgreSQL).
                    double cpu = server.process().cpuSeconds() - cpu0;
                    if (r.requests() > 0) {
                        report.add(
                                "D", store.label(), e.name(), "server CPU per request", cpu * 1e6 / r.requests(), "µs");
                    }
                    if (r.errors() > 0 || r.requests() == 0) {
                        failures.add(e.name() + ": " + r.errors() + " errors in " + r.requests() + " requests");
                    }
                }
                ctx.report().add("D", store.label(), "server process", "RSS under load (peak)", peak / 1024.0, "MiB");
            }
            if (!failures.isEmpty()) {
                throw new IOException("D " + store.label() + ": " + String.join("; ", failures));
            }
        }
    }

    /** Samples a process's resident memory every 250 ms on a virtual thread and keeps the highest. */
    private static final class RssSampler implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong peak = new AtomicLong();
        private final Thread thread;

        private RssSampler(ChildJvm process) {
            thread = Thread.ofVirtual().name("bench-rss").start(() -> {
                while (running.get()) {
                    peak.accumulateAndGet(process.rssKiB(), Math::max);
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        static RssSampler start(ChildJvm process) {
            return new RssSampler(process);
        }

        long peakKiB() {
            return peak.get();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.interrupt();
            thread.join(5_000);
        }
    }
}
