package io.taskforge.bench.env;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Databases and processes the harness has made and not yet cleaned up. When the harness is stopped
 * (Ctrl-C, SIGTERM) in the middle of a workload, its try-with-resources blocks never finish; a
 * shutdown hook then stops the child processes and drops the databases that are still here.
 */
final class Leftovers {
    private static final Set<AutoCloseable> OPEN = new LinkedHashSet<>();
    private static boolean hooked;

    private Leftovers() {}

    static synchronized void add(AutoCloseable resource) {
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(new Thread(Leftovers::closeAll, "bench-leftovers"));
            hooked = true;
        }
        OPEN.add(resource);
    }

    static synchronized void remove(AutoCloseable resource) {
        OPEN.remove(resource);
    }

    private static void closeAll() {
        List<AutoCloseable> open;
        synchronized (Leftovers.class) {
            open = new ArrayList<>(OPEN);
            OPEN.clear();
        }
        // Newest first: processes go before the databases they use.
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception e) {
                System.err.println("bench: could not clean up " + open.get(i) + ": " + e);
            }
        }
    }
}
