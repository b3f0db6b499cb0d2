package io.taskforge.bench.taskforge;

import io.taskforge.bench.BenchContext;
import io.taskforge.bench.Latencies;
import io.taskforge.bench.Store;
import io.taskforge.bench.Workload;
import io.taskforge.bench.env.BenchDatabase;
import io.taskforge.bench.report.Report;
import io.taskforge.client.TaskforgeClient;
import io.taskforge.store.TaskStore;
import io.taskforge.task.NewTask;
import io.taskforge.task.Task;
import java.util.Locale;

/**
 * E. Backlog: do claims and drains stay as fast when the table holds a long history? On one
 * database per store, in two phases:
 *
 * <ol>
 *   <li><b>empty table</b>: W waiting tasks inserted through the Java API and drained by one worker
 *       process; then, on that idle worker, the pick-up latency of probe tasks submitted 10 ms
 *       apart (as in C, stored timestamps).
 *   <li><b>backlog</b>: one of the drained tasks (a real one, with its history events) copied until
 *       F finished tasks are in the table, and one new waiting task copied W times (see {@link
 *       BacklogFill}: SQL into the product's schema, then ANALYZE on PostgreSQL, as autovacuum
 *       would soon do); then the same drain and probes by a new worker process, with the F
 *       finished tasks in the table.
 * </ol>
 *
 * The probes run once the waiting tasks are drained (a probe queued behind them would measure the
 * drain). Reports both phases and backlog/empty ratios: issue 7 wants them within 20 %.
 */
public final class BacklogWorkload implements Workload {

    @Override
    public String id() {
        return "E";
    }

    @Override
    public String title() {
        return "backlog: claims and drains with a long history in the table, against an empty table";
    }

    @Override
    public void run(BenchContext ctx, Store store) throws Exception {
        var settings = ctx.settings();
        int waiting = settings.backlogWaiting();
        int finished = settings.backlogFinished();
        String empty = "empty table";
        String backlog = String.format(Locale.ROOT, "%,d finished + %,d waiting", finished, waiting);
        Report report = ctx.report();
        Latencies[] pickup = new Latencies[2];
        double emptyRate;
        double backlogRate;
        try (BenchDatabase db = ctx.database(store, "backlog");
                TaskStore ts = Taskforges.openStore(db, 0)) {
            TaskforgeClient client = Taskforges.client(ts);
            Taskforges.submitInBatches(client, waiting, "backlog");
            emptyRate = DrainWorkload.drain(ctx, store, db, ts, waiting, "E", empty, worker -> {
                ctx.log("E %s: pick-up latency after draining an empty table", store.label());
                pickup[0] = LatencyWorkload.probeWorker(
                        ctx, db, client, settings.backlogProbes(), "probe-empty", "default", worker);
            });

            ctx.log("E %s: writing %,d finished and %,d waiting tasks", store.label(), finished, waiting);
            long began = System.nanoTime();
            fill(db, client, finished, waiting);
            report.add("E", store.label(), backlog, "fill time", (System.nanoTime() - began) / 1e9, "s");
            backlogRate = DrainWorkload.drain(ctx, store, db, ts, waiting, "E", backlog, worker -> {
                ctx.log("E %s: pick-up latency with the backlog in the table", store.label());
                pickup[1] = LatencyWorkload.probeWorker(
                        ctx, db, client, settings.backlogProbes(), "probe-backlog", "default", worker);
            });
        }
        pickup[0].report(report, "E", store, empty, "pick-up", false);
        pickup[1].report(report, "E", store, backlog, "pick-up", false);
        String ratio = "backlog / empty";
        report.add("E", store.label(), ratio, "worked/s ratio", ratio(backlogRate, emptyRate), "x");
        report.add(
                "E",
                store.label(),
                ratio,
                "pick-up p50 ratio",
                ratio(pickup[1].percentileMillis(50), pickup[0].percentileMillis(50)),
                "x");
        report.add(
                "E",
                store.label(),
                ratio,
                "pick-up p99 ratio",
                ratio(pickup[1].percentileMillis(99), pickup[0].percentileMillis(99)),
                "x");
    }

    /**
     * {@code a / b}, or not a number when {@code b} is 0: stored timestamps have millisecond
     * resolution, and a pick-up under a millisecond reads as 0.
     */
    private static double ratio(double a, double b) {
        return b == 0 ? Double.NaN : a / b;
    }

    /**
     * Brings the finished tasks up to {@code finished} with copies of a drained one (the W drained
     * tasks count), and adds {@code waiting} waiting tasks: one submitted, the rest its copies.
     */
    private static void fill(BenchDatabase db, TaskforgeClient client, int finished, int waiting) throws Exception {
        BacklogFill fill = new BacklogFill(db);
        TaskTable table = new TaskTable(db);
        long have = table.countByStatus().getOrDefault("SUCCEEDED", 0L);
        if (finished > have) {
            fill.copy(table.anySucceededId(), (int) (finished - have), 1);
        }
        Task wait = client.submit(NewTask.ofType("noop").title("backlog").build());
        fill.copy(wait.id(), waiting - 1, 2);
        if (db.store() == Store.POSTGRESQL) {
            fill.analyze();
        }
    }
}
