package io.taskforge.bench;

import io.taskforge.bench.peer.PeerWorkload;
import io.taskforge.bench.report.Report;
import io.taskforge.bench.taskforge.ApiWorkload;
import io.taskforge.bench.taskforge.BacklogWorkload;
import io.taskforge.bench.taskforge.DrainWorkload;
import io.taskforge.bench.taskforge.LatencyWorkload;
import io.taskforge.bench.taskforge.PipelineWorkload;
import io.taskforge.bench.taskforge.SubmitWorkload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Runs the chosen workloads on the chosen stores, one after the other (never two at once: they
 * would measure each other), and collects the figures. A workload that fails is recorded in the
 * report and the run goes on with the next one.
 */
public final class Bench {
    /** Every workload, in the order they run; F comes last because it compares with A, B and C. */
    public static final List<Workload> WORKLOADS = List.of(
            new DrainWorkload(),
            new SubmitWorkload(),
            new LatencyWorkload(),
            new ApiWorkload(),
            new BacklogWorkload(),
            new PeerWorkload(),
            new PipelineWorkload());

    private Bench() {}

    public static void run(BenchContext ctx, Set<String> workloads, List<Store> stores) {
        Report report = ctx.report();
        describeMachine(ctx);
        report.machine().put("load average before", loadAverage());
        for (Workload w : WORKLOADS) {
            if (!workloads.contains(w.id())) {
                continue;
            }
            for (Store store : stores) {
                if (!w.runsOn(store)) {
                    continue;
                }
                ctx.log("%s %s: %s", w.id(), store.label(), w.title());
                long began = System.nanoTime();
                try {
                    w.run(ctx, store);
                } catch (Exception e) {
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                    String message = w.id() + " " + store.label() + ": " + e;
                    report.error(message);
                    ctx.log("FAILED %s", message);
                }
                ctx.log("%s %s: done in %.0f s", w.id(), store.label(), (System.nanoTime() - began) / 1e9);
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
        }
        report.machine().put("load average after", loadAverage());
        report.finishedAt(Instant.now());
    }

    private static void describeMachine(BenchContext ctx) {
        var machine = ctx.report().machine();
        machine.put("processors", Integer.toString(Runtime.getRuntime().availableProcessors()));
        machine.put("memory", memory());
        machine.put("jdk", System.getProperty("java.vm.vendor") + " " + Runtime.version());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        try {
            machine.put("postgresql", ctx.postgres().version());
        } catch (Exception e) {
            machine.put("postgresql", "unreachable: " + e.getMessage());
        }
    }

    /** The 1, 5 and 15 minute load averages from /proc/loadavg. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String memory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kib = Long.parseLong(line.substring(9).strip().split("\\s+")[0]);
                    return String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
        return "unknown";
    }
}
