package io.taskforge.bench.peer;

import io.taskforge.bench.BenchContext;
import io.taskforge.bench.ConcurrentSubmits;
import io.taskforge.bench.Latencies;
import io.taskforge.bench.Pacing;
import io.taskforge.bench.Store;
import io.taskforge.bench.Workload;
import io.taskforge.bench.env.BenchDatabase;
import io.taskforge.bench.env.PostgresCpu;
import io.taskforge.bench.env.ProcStats;
import io.taskforge.bench.report.Report;
import io.taskforge.bench.taskforge.DrainWorkload;
import io.taskforge.bench.taskforge.LatencyWorkload;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * F. Peers on the same PostgreSQL in the same run: JobRunr and db-scheduler, each embedded in the
 * harness (the way their users run them), each step on a database of its own, doing A (bulk
 * insert, then drain), B (single submits through the Java API from 1 and 16 threads) and C
 * (enqueue-to-start on an idle processor, in-handler clock). A peer's drain runs from its first
 * job's start until its storage shows no job left (polled every 100 ms). Then prints
 * Taskforge / peer ratios against the A, B and C figures of this run.
 */
public final class PeerWorkload implements Workload {
    private static final String PG = Store.POSTGRESQL.label();

    @FunctionalInterface
    private interface Opener {
        Peer open(String jdbcUrl, int poolSize) throws Exception;
    }

    private record PeerKind(String name, Opener opener) {}

    private static final List<PeerKind> PEERS =
            List.of(new PeerKind("jobrunr", JobRunrPeer::new), new PeerKind("db-scheduler", DbSchedulerPeer::new));

    @Override
    public String id() {
        return "F";
    }

    @Override
    public String title() {
        return "peers on the same PostgreSQL: JobRunr and db-scheduler doing A, B and C";
    }

    @Override
    public boolean runsOn(Store store) {
        return store == Store.POSTGRESQL;
    }

    @Override
    public void run(BenchContext ctx, Store store) throws Exception {
        List<String> failures = new ArrayList<>();
        for (PeerKind kind : PEERS) {
            try {
                drain(ctx, kind);
                submits(ctx, kind);
                latency(ctx, kind);
            } catch (Exception e) {
                failures.add(kind.name() + ": " + e.getMessage());
            }
        }
        ratios(ctx);
        if (!failures.isEmpty()) {
            throw new IOException("F: " + String.join("; ", failures));
        }
    }

    private static void drain(BenchContext ctx, PeerKind kind) throws Exception {
        int n = ctx.settings().peerTasks();
        Report report = ctx.report();
        try (BenchDatabase db = ctx.database(Store.POSTGRESQL, "peer" + kind.name());
                Peer peer = kind.opener().open(db.jdbcUrl(), 10)) {
            report.settings().put("F " + kind.name(), peer.settings());
            PeerJobs.reset(0);
            ctx.log("F %s: inserting %,d jobs in bulk", kind.name(), n);
            long began = System.nanoTime();
            peer.insertBulk(n);
            report.add("F", PG, kind.name(), "insert/s", n / ((System.nanoTime() - began) / 1e9), "tasks/s");
            PostgresCpu pgCpu = ctx.postgres().isLocal() ? new PostgresCpu(db.name()) : null;
            ctx.log("F %s: draining %,d jobs", kind.name(), n);
            peer.startProcessing();
            PostgresCpu.Snapshot pg0 = pgCpu == null ? null : pgCpu.snapshot();
            long self = ProcessHandle.current().pid();
            double cpu0 = ProcStats.cpuSeconds(self);
            long deadline = System.nanoTime() + ctx.settings().drainTimeout().toNanos();
            while (peer.pending() > 0) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IOException(peer.pending() + " jobs still pending after "
                            + ctx.settings().drainTimeout());
                }
                Thread.sleep(100);
            }
            long end = System.nanoTime();
            double cpu = ProcStats.cpuSeconds(self) - cpu0;
            long first = PeerJobs.firstStart();
            long runs = PeerJobs.runs();
            report.add("F", PG, kind.name(), "worked/s", n / ((end - first) / 1e9), "tasks/s");
            report.add("F", PG, kind.name(), "jobs run", runs, "tasks");
            report.add("F", PG, kind.name(), "worker (harness JVM) CPU per 1000 jobs", cpu * 1000 / n, "s");
            if (pg0 != null) {
                PostgresCpu.Snapshot pg1 = pgCpu.snapshot();
                if (pg1.found()) {
                    report.add(
                            "F",
                            PG,
                            kind.name(),
                            "db backends CPU per 1000 jobs",
                            pg1.backendSecondsSince(pg0) * 1000 / n,
                            "s");
                }
            }
            if (runs < n) {
                throw new IOException("only " + runs + " of " + n + " jobs ran");
            }
        }
    }

    private static void submits(BenchContext ctx, PeerKind kind) throws Exception {
        var settings = ctx.settings();
        int maxThreads = Collections.max(settings.submitThreads());
        try (BenchDatabase db = ctx.database(Store.POSTGRESQL, "peersubmits");
                Peer peer = kind.opener().open(db.jdbcUrl(), Math.max(10, maxThreads))) {
            for (int threads : settings.submitThreads()) {
                ctx.log("F %s: %,d single submits from %d threads", kind.name(), settings.peerSubmits(), threads);
                ConcurrentSubmits.Result r = ConcurrentSubmits.run(
                        threads,
                        settings.peerSubmits(),
                        settings.submitWarmup(),
                        Duration.ofSeconds(Math.max(120, settings.peerSubmits() / 20)),
                        peer::submitOne);
                String subject = kind.name() + ", java api, " + (threads == 1 ? "1 thread" : threads + " threads");
                Report report = ctx.report();
                report.add("F", PG, subject, "submits/s", r.perSecond(), "tasks/s");
                r.latencies().report(report, "F", Store.POSTGRESQL, subject, "submit", false);
                report.add("F", PG, subject, "submitted", r.completed(), "tasks");
                report.add("F", PG, subject, "errors", r.failed(), "errors");
                if (r.failed() > 0 || r.completed() != settings.peerSubmits()) {
                    throw new IOException(subject + ": " + r.completed() + " submits completed, " + r.failed()
                            + " failed" + (r.firstError() == null ? "" : ", first: " + r.firstError()));
                }
            }
        }
    }

    private static void latency(BenchContext ctx, PeerKind kind) throws Exception {
        var settings = ctx.settings();
        int warmup = settings.latencyWarmup();
        int total = warmup + settings.peerLatencyTasks();
        long[] submitted = new long[total];
        try (BenchDatabase db = ctx.database(Store.POSTGRESQL, "peerlatency");
                Peer peer = kind.opener().open(db.jdbcUrl(), 10)) {
            peer.startProcessing();
            Thread.sleep(1000);
            PeerJobs.reset(total);
            ctx.log(
                    "F %s: %,d jobs %d ms apart to an idle processor",
                    kind.name(),
                    settings.peerLatencyTasks(),
                    settings.latencyInterval().toMillis());
            Pacing.atFixedRate(total, settings.latencyInterval(), i -> {
                submitted[i] = System.nanoTime();
                peer.submitTimed(i);
            });
            // A peer that polls may need one more poll interval after the last submit.
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (System.nanoTime() - deadline < 0 && startedCount(total) < total) {
                Thread.sleep(50);
            }
        }
        Latencies l = new Latencies();
        for (int i = warmup; i < total; i++) {
            long s = PeerJobs.startedAt(i);
            if (s != 0) {
                l.recordNanos(s - submitted[i]);
            }
        }
        l.report(ctx.report(), "F", Store.POSTGRESQL, kind.name(), "enqueue-to-start", true);
        ctx.report().add("F", PG, kind.name(), "latency jobs started", l.count(), "tasks");
        if (l.count() != settings.peerLatencyTasks()) {
            throw new IOException("only " + l.count() + " of " + settings.peerLatencyTasks() + " timed jobs started");
        }
    }

    private static int startedCount(int total) {
        int n = 0;
        for (int i = 0; i < total; i++) {
            n += PeerJobs.startedAt(i) == 0 ? 0 : 1;
        }
        return n;
    }

    /** Taskforge ÷ peer for throughput, peer ÷ Taskforge for latency: above 1 means Taskforge does better. */
    private static void ratios(BenchContext ctx) {
        Report report = ctx.report();
        for (PeerKind kind : PEERS) {
            String peer = kind.name();
            String subject = "taskforge vs " + peer;
            ratio(
                    ctx,
                    subject,
                    "worked/s, taskforge ÷ peer",
                    report.value("A", PG, DrainWorkload.SUBJECT_WORKER, "worked/s"),
                    report.value("F", PG, peer, "worked/s"));
            ratio(
                    ctx,
                    subject,
                    "insert/s, taskforge ÷ peer",
                    report.value("A", PG, DrainWorkload.SUBJECT_JAVA_BATCH, "insert/s"),
                    report.value("F", PG, peer, "insert/s"));
            for (int threads : ctx.settings().submitThreads()) {
                String t = threads == 1 ? "1 thread" : threads + " threads";
                ratio(
                        ctx,
                        subject,
                        "submits/s " + t + ", taskforge ÷ peer",
                        report.value("B", PG, "java api, " + t, "submits/s"),
                        report.value("F", PG, peer + ", java api, " + t, "submits/s"));
            }
            for (String p : List.of("p50", "p99")) {
                ratio(
                        ctx,
                        subject,
                        "enqueue-to-start " + p + ", peer ÷ taskforge embedded",
                        report.value("F", PG, peer, "enqueue-to-start " + p),
                        report.value("C", PG, LatencyWorkload.SUBJECT_EMBEDDED, "enqueue-to-start " + p));
            }
        }
    }

    private static void ratio(
            BenchContext ctx, String subject, String metric, Optional<Double> top, Optional<Double> bottom) {
        if (top.isEmpty() || bottom.isEmpty() || bottom.get() == 0) {
            ctx.log("F: no %s ratio (run A, B and C on postgresql in the same run)", metric);
            return;
        }
        ctx.report().add("F", PG, subject, metric, top.get() / bottom.get(), "x");
    }
}
