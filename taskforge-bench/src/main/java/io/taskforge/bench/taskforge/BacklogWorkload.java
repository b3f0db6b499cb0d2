package io.taskforge.bench.taskforge;

import io.taskforge.bench.BenchContext;
import io.taskforge.bench.Latencies;
import io.taskforge.bench.Store;
import io.taskforge.bench.Workload;
import io.taskforge.bench.env.BenchDatabase;
import io.taskforge.bench.env.ChildJvm;
import io.taskforge.bench.report.Report;
import io.taskforge.client.TaskforgeClient;
import io.taskforge.store.TaskStore;
import io.taskforge.task.NewTask;
import io.taskforge.task.Task;
import java.time.Duration;
import java.util.Locale;

/**
 * E. Backlog: do claims and drains stay as fast when the table holds a long history? Run twice,
 * each on a database of its own:
 *
 * <ul>
 *   <li><b>empty table</b>: pick-up latency of probe tasks (as in C, on a worker of a queue of
 *       their own, "probe"); then W waiting tasks inserted through the Java API and drained by one
 *       worker process.
 *   <li><b>backlog</b>: one task run to SUCCEEDED by a worker and copied F times with its history
 *       (see {@link BacklogFill}: SQL into the product's schema, then ANALYZE on PostgreSQL); one
 *       waiting task copied W times; then the same probes, with all of that in the table (the W
 *       waiting tasks sit in queue "default", which the probe worker does not serve); then the W
 *       tasks drained with the F finished ones still there.
 * </ul>
 *
 * Reports both, and backlog/empty ratios: issue 7 wants them within 20 %.
 */
public final class BacklogWorkload implements Workload {
    private static final String PROBE_QUEUE = "probe";

    @Override
    public String id() {
        return "E";
    }

    @Override
    public String title() {
        return "backlog: claims and drains with a long history in the table, against an empty table";
    }

    @Override
    public boolean runsOn(Store store) {
        return true;
    }

    @Override
    public void run(BenchContext ctx, Store store) throws Exception {
        var settings = ctx.settings();
        int waiting = settings.backlogWaiting();
        int finished = settings.backlogFinished();
        String empty = "empty table";
        String backlog = String.format(Locale.ROOT, "%,d finished + %,d waiting", finished, waiting);
        Report report = ctx.report();

        Latencies emptyPickup;
        double emptyRate;
        try (BenchDatabase db = ctx.database(store, "backlogempty");
                TaskStore ts = Taskforges.openStore(db, 0)) {
            TaskforgeClient client = Taskforges.client(ts);
            ctx.log("E %s: pick-up latency on an empty table", store.label());
            emptyPickup = probes(ctx, db, ts, client);
            Taskforges.submitInBatches(client, waiting, "backlog");
            emptyRate = DrainWorkload.drain(ctx, store, db, ts, waiting, "E", empty);
        }
        emptyPickup.report(report, "E", store, empty, "pick-up", false);

        Latencies backlogPickup;
        double backlogRate;
        try (BenchDatabase db = ctx.database(store, "backlog");
                TaskStore ts = Taskforges.openStore(db, 0)) {
            TaskforgeClient client = Taskforges.client(ts);
            ctx.log("E %s: writing %,d finished and %,d waiting tasks", store.label(), finished, waiting);
            long began = System.nanoTime();
            fill(ctx, db, ts, client, finished, waiting);
            report.add("E", store.label(), backlog, "fill time", (System.nanoTime() - began) / 1e9, "s");
            ctx.log("E %s: pick-up latency with the backlog in the table", store.label());
            backlogPickup = probes(ctx, db, ts, client);
            backlogRate = DrainWorkload.drain(ctx, store, db, ts, waiting, "E", backlog);
        }
        backlogPickup.report(report, "E", store, backlog, "pick-up", false);

        String ratio = "backlog / empty";
        report.add("E", store.label(), ratio, "worked/s ratio", backlogRate / emptyRate, "x");
        report.add(
                "E",
                store.label(),
                ratio,
                "pick-up p50 ratio",
                backlogPickup.percentileMillis(50) / emptyPickup.percentileMillis(50),
                "x");
        report.add(
                "E",
                store.label(),
                ratio,
                "pick-up p99 ratio",
                backlogPickup.percentileMillis(99) / emptyPickup.percentileMillis(99),
                "x");
    }

    private static Latencies probes(BenchContext ctx, BenchDatabase db, TaskStore ts, TaskforgeClient client)
            throws Exception {
        try (ChildJvm worker = Taskforges.startWorker(ctx, db, ts, PROBE_QUEUE)) {
            return LatencyWorkload.probeWorker(
                    ctx, db, client, ctx.settings().backlogProbes(), "probe", PROBE_QUEUE, worker);
        }
    }

    private static void fill(
            BenchContext ctx, BenchDatabase db, TaskStore ts, TaskforgeClient client, int finished, int waiting)
            throws Exception {
        BacklogFill fill = new BacklogFill(db);
        if (finished > 0) {
            Task done = client.submit(NewTask.ofType("noop").title("history").build());
            TaskTable table = new TaskTable(db);
            try (ChildJvm worker = Taskforges.startWorker(ctx, db, ts)) {
                worker.await("run the template task", Duration.ofMinutes(1), () -> {
                    try {
                        return table.unfinished() == 0;
                    } catch (java.sql.SQLException e) {
                        return false;
                    }
                });
            }
            fill.copy(done.id(), finished - 1, 1);
        }
        Task wait = client.submit(NewTask.ofType("noop").title("backlog").build());
        fill.copy(wait.id(), waiting - 1, 2);
        if (db.store() == Store.POSTGRESQL) {
            fill.analyze();
        }
    }
}
