package io.taskforge.server.cli;

import io.taskforge.client.TaskLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Options that a server and a worker share: where the store is, and what the worker runs. */
final class CommonOptions {
    private CommonOptions() {}

    static final class Store {
        @Option(
                names = "--db",
                paramLabel = "JDBC_URL",
                defaultValue = "${env:TASKFORGE_DB}",
                description = {
                    "The store, e.g. jdbc:postgresql://db:5432/taskforge?user=tf&password=...",
                    "Default: SQLite in the data directory. Env: TASKFORGE_DB."
                })
        String db;

        @Option(
                names = "--data-dir",
                paramLabel = "DIR",
                defaultValue = "${env:TASKFORGE_DATA_DIR}",
                description = {
                    "Where the embedded SQLite database lives (created if missing).",
                    "Default: ./data. Env: TASKFORGE_DATA_DIR."
                })
        Path dataDir;

        void check(CommandLine cl) {
            if (db != null && !db.isBlank() && !db.regionMatches(true, 0, "jdbc:", 0, 5)) {
                throw new CommandLine.ParameterException(
                        cl,
                        "--db must be a JDBC URL (jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DB), was '" + db
                                + "'");
            }
            if (dataDir != null && Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
                throw new CommandLine.ParameterException(
                        cl, "--data-dir " + dataDir + " exists and is not a directory");
            }
        }

        void put(Map<String, String> settings) {
            if (db != null && !db.isBlank()) {
                settings.put("taskforge.db", db.strip());
            }
            if (dataDir != null) {
                settings.put("taskforge.data-dir", dataDir.toString());
            }
        }
    }

    static final class Worker {
        @Option(
                names = "--queues",
                paramLabel = "QUEUE",
                split = ",",
                defaultValue = "${env:TASKFORGE_QUEUES}",
                description = {
                    "The queues to take tasks from, comma-separated.",
                    "Default: default. Env: TASKFORGE_QUEUES."
                })
        List<String> queues;

        @Option(
                names = "--no-shell",
                description = {
                    "Switch the shell task type off: no command runs through this process.",
                    "Env: TASKFORGE_SHELL_ENABLED=false."
                })
        boolean noShell;

        void check(CommandLine cl) {
            if (queues != null) {
                if (queues.isEmpty()) {
                    throw new CommandLine.ParameterException(cl, "--queues needs at least one queue name");
                }
                for (String q : queues) {
                    if (q.length() > TaskLimits.MAX_QUEUE_CHARS
                            || !TaskLimits.NAME.matcher(q).matches()) {
                        throw new CommandLine.ParameterException(
                                cl,
                                "--queues: '" + q + "' is not a queue name (1.." + TaskLimits.MAX_QUEUE_CHARS
                                        + " letters, digits or . _ : -, starting with a letter or digit)");
                    }
                }
            }
        }

        void put(Map<String, String> settings) {
            if (queues != null) {
                settings.put("taskforge.worker.queues", String.join(",", queues));
            }
            if (noShell) {
                settings.put("taskforge.handlers.shell.enabled", "false");
            }
        }
    }

    static void checkConcurrency(CommandLine cl, String option, Integer concurrency) {
        if (concurrency != null && (concurrency < 1 || concurrency > 10_000)) {
            throw new CommandLine.ParameterException(cl, option + " must be between 1 and 10000, was " + concurrency);
        }
    }
}
