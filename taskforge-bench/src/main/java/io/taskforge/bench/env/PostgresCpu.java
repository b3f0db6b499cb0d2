package io.taskforge.bench.env;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CPU time of the local PostgreSQL server, split in two: the backends connected to one benchmark
 * database (found by the process title PostgreSQL gives them, {@code postgres: ... user db host
 * state}), and the server's shared processes (postmaster, WAL writer, checkpointer, background
 * writer, launchers), which also work for every other user of the server.
 *
 * <p>A backend that ends between two snapshots takes its CPU time with it (it goes to the
 * postmaster's children's time, which /proc does not split by database); the workloads take their
 * second snapshot while their connections are still open.
 */
public final class PostgresCpu {
    /** {@code host(port)} or {@code [local]}: the mark of a client backend's title. */
    private static final Pattern CLIENT =
            Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+\\(\\d+\\)|\\[local]|\\]\\(\\d+\\)");

    private final String database;

    public PostgresCpu(String database) {
        this.database = database;
    }

    /** CPU seconds per process id, for the database's backends and for the shared processes. */
    public record Snapshot(Map<Long, Double> backends, Map<Long, Double> shared) {
        /** Seconds used since {@code before} by the database's backends. */
        public double backendSecondsSince(Snapshot before) {
            return since(backends, before.backends);
        }

        /** Seconds used since {@code before} by the shared processes. */
        public double sharedSecondsSince(Snapshot before) {
            return since(shared, before.shared);
        }

        public boolean found() {
            return !shared.isEmpty() || !backends.isEmpty();
        }

        private static double since(Map<Long, Double> now, Map<Long, Double> then) {
            double sum = 0;
            for (Map.Entry<Long, Double> e : now.entrySet()) {
                sum += e.getValue() - then.getOrDefault(e.getKey(), 0.0);
            }
            return sum;
        }
    }

    public Snapshot snapshot() {
        Map<Long, Double> backends = new HashMap<>();
        Map<Long, Double> shared = new HashMap<>();
        ProcessHandle.allProcesses().forEach(p -> {
            String title = ProcStats.cmdline(p.pid());
            boolean postgres = title.startsWith("postgres:")
                    || p.info().command().map(c -> c.endsWith("/postgres")).orElse(false);
            if (!postgres) {
                return;
            }
            double cpu = ProcStats.cpuSeconds(p.pid());
            if (Double.isNaN(cpu)) {
                return;
            }
            if ((" " + title + " ").contains(" " + database + " ")) {
                backends.put(p.pid(), cpu);
            } else if (!CLIENT.matcher(title).find() && !title.contains("autovacuum worker")) {
                shared.put(p.pid(), cpu);
            }
        });
        return new Snapshot(backends, shared);
    }
}
