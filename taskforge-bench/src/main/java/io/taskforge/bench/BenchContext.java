package io.taskforge.bench;

import io.taskforge.bench.env.BenchDatabase;
import io.taskforge.bench.env.ChildJvm;
import io.taskforge.bench.env.PostgresServer;
import io.taskforge.bench.report.Report;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * What every workload needs: its sizes, the report to add to, the PostgreSQL server, and how to
 * start Taskforge processes (the executable jar, the JDK, extra JVM options for them).
 *
 * @param workDir where SQLite files, wrk scripts and the child processes' output go
 * @param log progress lines for people (stderr)
 */
public record BenchContext(
        BenchSettings settings,
        Report report,
        PostgresServer postgres,
        Path serverJar,
        String java,
        List<String> childJvmOptions,
        Path workDir,
        PrintStream log) {

    public BenchContext {
        childJvmOptions = List.copyOf(childJvmOptions);
    }

    public BenchDatabase database(Store store, String purpose) throws SQLException, IOException {
        return BenchDatabase.create(store, purpose, postgres, workDir);
    }

    /** Starts {@code taskforge ARGS} from the server jar. */
    public ChildJvm startTaskforge(String name, List<String> args) throws IOException {
        return ChildJvm.start(name, java, childJvmOptions, serverJar, workDir, args);
    }

    public ChildJvm startTaskforge(String name, List<String> args, java.util.Map<String, String> env)
            throws IOException {
        return ChildJvm.start(name, java, childJvmOptions, serverJar, workDir, args, env);
    }

    public void log(String format, Object... args) {
        log.println("bench: " + String.format(Locale.ROOT, format, args));
        log.flush();
    }
}
