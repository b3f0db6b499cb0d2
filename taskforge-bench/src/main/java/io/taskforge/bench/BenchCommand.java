package io.taskforge.bench;

import io.taskforge.bench.env.PostgresServer;
import io.taskforge.bench.report.JsonReport;
import io.taskforge.bench.report.Report;
import io.taskforge.bench.report.TablePrinter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./taskforge bench}: runs the workloads of issue 7, prints a table and writes the figures as JSON. */
@Command(
        name = "taskforge bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs the benchmark workloads, prints a table and writes the figures as JSON.",
            "A drain · B single submits · C enqueue-to-start latency · D REST API under wrk ·"
                    + " E backlog · F peers (JobRunr, db-scheduler) on the same PostgreSQL.",
            "Every workload gets a fresh PostgreSQL database (dropped afterwards) or a fresh SQLite directory.",
            "Exit codes: 0 every workload ran, 1 some failed (see the end of the table), 2 bad options."
        })
public final class BenchCommand implements Callable<Integer> {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

    @Option(
            names = {"-w", "--workloads"},
            split = ",",
            paramLabel = "ID",
            description = "Which workloads, e.g. A,C,D. Default: all (A,B,C,D,E,F,G).")
    List<String> workloads = List.of("A", "B", "C", "D", "E", "F", "G");

    @Option(
            names = {"-s", "--stores"},
            split = ",",
            paramLabel = "STORE",
            description = "postgresql, sqlite or both. Default: both. F runs on postgresql only.")
    List<String> stores = List.of("postgresql", "sqlite");

    @Option(
            names = "--quick",
            description = "Tiny sizes (300 tasks, 1 s of wrk, ...): checks the harness, measures little.")
    boolean quick;

    @Option(names = "--tasks", paramLabel = "N", description = "A: tasks to insert and drain. Default 100000.")
    Integer tasks;

    @Option(names = "--submits", paramLabel = "N", description = "B: submits per series. Default 10000.")
    Integer submits;

    @Option(names = "--threads", split = ",", paramLabel = "N", description = "B: client threads. Default 1,16.")
    List<Integer> threads;

    @Option(
            names = "--latency-tasks",
            paramLabel = "N",
            description = "C: tasks 10 ms apart; G: pipeline step hand-offs. Default 1000.")
    Integer latencyTasks;

    @Option(
            names = "--duration",
            paramLabel = "TIME",
            description = "D: wrk run per endpoint, e.g. 30s, 2m. Default 30s.")
    String duration;

    @Option(names = "--connections", paramLabel = "N", description = "D: wrk connections. Default 64.")
    Integer connections;

    @Option(
            names = "--backlog-finished",
            paramLabel = "N",
            description = "E: finished tasks in the table. Default 1000000.")
    Integer backlogFinished;

    @Option(names = "--backlog-waiting", paramLabel = "N", description = "E: waiting tasks to drain. Default 100000.")
    Integer backlogWaiting;

    @Option(names = "--peer-tasks", paramLabel = "N", description = "F: jobs each peer drains. Default 100000.")
    Integer peerTasks;

    @Option(names = "--peer-submits", paramLabel = "N", description = "F: single submits per series. Default 10000.")
    Integer peerSubmits;

    @Option(
            names = "--postgres-url",
            paramLabel = "JDBC_URL",
            description = {
                "A PostgreSQL server where this user may create databases.",
                "Default: -D" + PostgresServer.PROPERTY + ", else $" + PostgresServer.ENV + ", else "
                        + PostgresServer.DEFAULT_URL + "."
            })
    String postgresUrl;

    @Option(
            names = "--server-jar",
            paramLabel = "FILE",
            description = "The executable taskforge jar the worker and server processes run (./taskforge passes it).")
    Path serverJar;

    @Option(
            names = "--child-jvm-opts",
            paramLabel = "OPTS",
            description = "Extra JVM options for the worker and server processes, e.g. \"-Xmx1g\". Default: none.")
    String childJvmOpts;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Where the JSON goes. Default: bench-results/<UTC time>.json.")
    Path output;

    @Option(names = "--markdown", description = "Print the table as Markdown (for docs/performance.md).")
    boolean markdown;

    @Option(
            names = "--from",
            paramLabel = "FILE",
            description = "Run nothing: print the table of a JSON file written earlier (with --markdown, as Markdown).")
    Path from;

    private PrintStream out = System.out;
    private PrintStream err = System.err;

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command as {@code main} does, without exiting: for the smoke test. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        BenchCommand command = new BenchCommand();
        command.out = out;
        command.err = err;
        return new CommandLine(command)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }

    @Override
    public Integer call() throws Exception {
        CommandLine cl = new CommandLine(this);
        if (from != null) {
            if (!Files.isRegularFile(from)) {
                throw new CommandLine.ParameterException(cl, "--from: no file " + from);
            }
            print(JsonReport.read(from));
            return 0;
        }
        BenchSettings settings = settings(cl);
        Set<String> chosen = workloads(cl);
        List<Store> chosenStores = stores(cl);
        Path jar = serverJar != null ? serverJar : defaultServerJar();
        if (!Files.isRegularFile(jar)) {
            throw new CommandLine.ParameterException(
                    cl, "--server-jar: no file " + jar + " (./taskforge bench builds it; or run ./taskforge once)");
        }
        Instant started = Instant.now();
        Report report = new Report(started);
        Path file = output != null ? output : defaultOutput(started);
        Path workDir = Files.createTempDirectory("taskforge-bench-");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> jvmOpts = childJvmOpts == null || childJvmOpts.isBlank()
                ? List.of()
                : List.of(childJvmOpts.strip().split("\\s+"));
        BenchContext ctx = new BenchContext(
                settings,
                report,
                new PostgresServer(postgresUrl != null ? postgresUrl : PostgresServer.configuredUrl()),
                jar,
                java,
                jvmOpts,
                workDir,
                err);
        describeSettings(report, settings, chosen, chosenStores);
        Bench.run(ctx, chosen, chosenStores);
        if (report.finishedAt() == null) {
            report.finishedAt(Instant.now());
        }
        JsonReport.write(report, file);
        print(report);
        err.println("bench: figures written to " + file.toAbsolutePath());
        deleteQuietly(workDir, report.errors().isEmpty());
        return report.errors().isEmpty() ? 0 : 1;
    }

    private void print(Report report) {
        out.print(markdown ? TablePrinter.markdown(report) : TablePrinter.text(report));
        out.flush();
    }

    private BenchSettings settings(CommandLine cl) {
        BenchSettings b = quick ? BenchSettings.quick() : BenchSettings.full();
        try {
            return new BenchSettings(
                    or(tasks, b.drainTasks()),
                    or(submits, b.submits()),
                    threads != null ? threads : b.submitThreads(),
                    b.submitWarmup(),
                    or(latencyTasks, b.latencyTasks()),
                    b.latencyInterval(),
                    b.latencyWarmup(),
                    duration != null ? parseDuration(cl, duration) : b.apiDuration(),
                    b.apiWarmup(),
                    or(connections, b.apiConnections()),
                    b.wrkThreads(),
                    b.apiSeedTasks(),
                    or(backlogFinished, b.backlogFinished()),
                    or(backlogWaiting, b.backlogWaiting()),
                    b.backlogProbes(),
                    or(peerTasks, b.peerTasks()),
                    or(peerSubmits, b.peerSubmits()),
                    b.peerLatencyTasks(),
                    b.drainTimeout());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
    }

    private Set<String> workloads(CommandLine cl) {
        Set<String> ids = new LinkedHashSet<>();
        for (String w : workloads) {
            String id = w.strip().toUpperCase(Locale.ROOT);
            if (Bench.WORKLOADS.stream().noneMatch(x -> x.id().equals(id))) {
                throw new CommandLine.ParameterException(cl, "--workloads: unknown workload '" + w + "' (A..G)");
            }
            ids.add(id);
        }
        return ids;
    }

    private List<Store> stores(CommandLine cl) {
        List<Store> result = new ArrayList<>();
        for (String s : stores) {
            try {
                Store store = Store.parse(s);
                if (!result.contains(store)) {
                    result.add(store);
                }
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, "--stores: " + e.getMessage());
            }
        }
        return result;
    }

    static Duration parseDuration(CommandLine cl, String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new CommandLine.ParameterException(cl, "--duration: '" + text + "' is not a duration like 30s or 2m");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }

    private static void describeSettings(Report report, BenchSettings s, Set<String> workloads, List<Store> stores) {
        var m = report.settings();
        m.put("workloads", String.join(",", workloads));
        m.put("stores", String.join(",", stores.stream().map(Store::label).toList()));
        m.put("A tasks", Integer.toString(s.drainTasks()));
        m.put(
                "B submits per series",
                s.submits() + " after " + s.submitWarmup() + " warm-up, threads " + s.submitThreads());
        m.put(
                "C tasks",
                s.latencyTasks() + ", " + s.latencyInterval().toMillis() + " ms apart, after " + s.latencyWarmup()
                        + " warm-up");
        m.put(
                "D wrk",
                s.apiConnections() + " connections, " + s.wrkThreads() + " threads, "
                        + s.apiDuration().toSeconds() + " s per endpoint after "
                        + s.apiWarmup().toSeconds() + " s warm-up");
        m.put(
                "E backlog",
                s.backlogFinished() + " finished, " + s.backlogWaiting() + " waiting, " + s.backlogProbes()
                        + " probes");
        m.put(
                "F peers",
                s.peerTasks() + " jobs drained, " + s.peerSubmits() + " submits per series, " + s.peerLatencyTasks()
                        + " timed jobs");
    }

    private static Path defaultServerJar() {
        String configured = System.getProperty("taskforge.bench.server-jar");
        return Path.of(
                configured != null && !configured.isBlank() ? configured : "taskforge-server/target/taskforge.jar");
    }

    private static Path defaultOutput(Instant started) {
        String dir = System.getProperty("taskforge.bench.results-dir", "bench-results");
        String name = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'")
                        .withZone(ZoneOffset.UTC)
                        .format(started)
                + ".json";
        return Path.of(dir, name);
    }

    private static int or(Integer value, int fallback) {
        return value != null ? value : fallback;
    }

    /** Keeps the work directory (child process logs) when something failed, for a look. */
    private void deleteQuietly(Path dir, boolean delete) {
        if (!delete) {
            err.println("bench: process logs kept in " + dir);
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (java.io.IOException e) {
            err.println("bench: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
