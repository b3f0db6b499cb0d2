package io.taskforge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.taskforge.bench.env.Wrk;
import io.taskforge.bench.report.JsonReport;
import io.taskforge.bench.report.Measurement;
import io.taskforge.bench.report.Report;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the whole harness with tiny sizes on both stores, as {@code ./taskforge bench --quick} does,
 * and checks that every figure is there and adds up. Never checks a timing: only that the harness
 * works end to end (the worker and server processes of the real jar, wrk, both peers).
 */
class BenchSmokeTest {
    private static final int TASKS = 300;
    private static final List<String> STORES = List.of("postgresql", "sqlite");

    @Test
    void aQuickRunOfEveryWorkloadOnBothStoresIsCompleteAndAddsUp(@TempDir Path dir) throws Exception {
        Path jar =
                Path.of(System.getProperty("taskforge.bench.server-jar", "../taskforge-server/target/taskforge.jar"));
        assertThat(jar)
                .as("the executable server jar, which the reactor builds before this module (run Maven with -am)")
                .isRegularFile();
        try {
            Wrk.requireInstalled();
        } catch (IOException e) {
            fail(e.getMessage());
        }
        Report all = new Report(Instant.now());
        // The stores run side by side, to keep the test short: it measures nothing, and the harness
        // never does this itself (two runs at once would measure each other).
        ExecutorService pool = Executors.newFixedThreadPool(STORES.size());
        try {
            List<Future<Report>> runs = new ArrayList<>();
            for (String store : STORES) {
                runs.add(pool.submit(() -> run(dir, jar, store)));
            }
            for (Future<Report> run : runs) {
                Report report = run.get(5, TimeUnit.MINUTES);
                report.measurements().forEach(all::add);
            }
        } finally {
            pool.shutdownNow();
        }
        Report report = all;
        for (String store : STORES) {
            // A: every inserted task ran, and the HTTP batches stored them all.
            assertThat(value(report, "A", store, "worker process", "tasks succeeded"))
                    .isEqualTo(TASKS);
            assertThat(value(report, "A", store, "worker process", "tasks not succeeded"))
                    .isZero();
            assertThat(value(report, "A", store, "worker process", "worked/s")).isPositive();
            assertThat(value(report, "A", store, "java api, batches of 1000", "insert/s"))
                    .isPositive();
            assertThat(value(report, "A", store, "http batch, 1000 per request", "tasks stored"))
                    .isEqualTo(TASKS);
            assertThat(value(report, "A", store, "worker process", "worker CPU per 1000 tasks"))
                    .isPositive();

            // B: four series of 200 submits after 20 warm-up each, and 80 warm-up calls of the new
            // server before its two, all answered and all stored: wrk's counted series neither
            // lose nor add a request.
            for (String subject :
                    List.of("java api, 1 thread", "java api, 16 threads", "http, 1 thread", "http, 16 threads")) {
                assertThat(value(report, "B", store, subject, "submitted")).isEqualTo(200);
                assertThat(value(report, "B", store, subject, "errors")).isZero();
                assertThat(value(report, "B", store, subject, "submit p50"))
                        .isLessThanOrEqualTo(value(report, "B", store, subject, "submit p99"));
            }
            assertThat(value(report, "B", store, "all series", "tasks stored")).isEqualTo(4 * (200 + 20) + 4 * 20);

            // C: every timed task started, percentiles in order.
            for (String subject :
                    List.of("worker process (stored ms timestamps)", "embedded engine (in-handler clock)")) {
                assertThat(value(report, "C", store, subject, "tasks started")).isEqualTo(30);
                assertThat(value(report, "C", store, subject, "enqueue-to-start p50"))
                        .isLessThanOrEqualTo(value(report, "C", store, subject, "enqueue-to-start p99"));
                assertThat(value(report, "C", store, subject, "enqueue-to-start p99"))
                        .isLessThanOrEqualTo(value(report, "C", store, subject, "enqueue-to-start max"));
            }

            // D: wrk reached every endpoint without an error; the server's memory was read.
            for (String endpoint : List.of("GET /tasks/{id}", "GET /tasks?status=QUEUED&limit=50", "POST /tasks")) {
                assertThat(value(report, "D", store, endpoint, "requests")).isPositive();
                assertThat(value(report, "D", store, endpoint, "errors")).isZero();
            }
            assertThat(value(report, "D", store, "server process", "RSS idle")).isPositive();
            assertThat(value(report, "D", store, "server process", "RSS under load (peak)"))
                    .isPositive();

            // E: both drains ran every waiting task; the ratios were computed.
            assertThat(value(report, "E", store, "empty table", "tasks succeeded"))
                    .isEqualTo(300);
            assertThat(value(report, "E", store, "2,000 finished + 300 waiting", "tasks succeeded"))
                    .isEqualTo(300);
            assertThat(value(report, "E", store, "backlog / empty", "worked/s ratio"))
                    .isPositive();

            // G: every hand-off of the pipeline chain was measured (30 latency tasks: 3 runs of 10).
            assertThat(value(report, "G", store, "embedded engine, chain of 11 steps", "hand-offs"))
                    .isEqualTo(30);
            assertThat(value(report, "G", store, "embedded engine, chain of 11 steps", "step hand-off p50"))
                    .isPositive();
        }

        // F: both peers ran every job, and the ratios against A, B and C of this run are there.
        for (String peer : List.of("jobrunr", "db-scheduler")) {
            assertThat(value(report, "F", "postgresql", peer, "jobs run")).isGreaterThanOrEqualTo(200);
            assertThat(value(report, "F", "postgresql", peer, "latency jobs started"))
                    .isEqualTo(30);
            assertThat(value(report, "F", "postgresql", peer + ", java api, 16 threads", "submitted"))
                    .isEqualTo(200);
            assertThat(value(report, "F", "postgresql", "taskforge vs " + peer, "worked/s, taskforge ÷ peer"))
                    .isPositive();
            assertThat(value(
                            report,
                            "F",
                            "postgresql",
                            "taskforge vs " + peer,
                            "enqueue-to-start p99, peer ÷ taskforge embedded"))
                    .isPositive();
        }
        // A latency ratio is not a number when the empty-table latency read as 0 ms (under the stored
        // timestamps' resolution), which tiny runs on SQLite can show; every other figure is a number.
        assertThat(report.measurements())
                .filteredOn(m -> !(m.metric().contains("ratio") && m.metric().contains("pick-up")))
                .allSatisfy(m -> assertThat(m.value()).as(m.toString()).isNotNaN());
        assertThat(report.measurements().stream().map(Measurement::workload).distinct())
                .containsExactlyInAnyOrder("A", "B", "C", "D", "E", "F", "G");
    }

    /** Runs the harness on one store (F too on PostgreSQL) and checks that it succeeded as a command. */
    private static Report run(Path dir, Path jar, String store) throws Exception {
        Path json = dir.resolve(store + ".json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = BenchCommand.run(
                new String[] {
                    "--quick",
                    "--stores",
                    store,
                    "--tasks",
                    Integer.toString(TASKS),
                    "--peer-tasks",
                    "200",
                    "--duration",
                    "1s",
                    "--server-jar",
                    jar.toString(),
                    // Child JVMs start faster with C1 only; the smoke test measures nothing.
                    "--child-jvm-opts",
                    "-XX:TieredStopAtLevel=1",
                    "-o",
                    json.toString()
                },
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new Tee(err, System.err), true, StandardCharsets.UTF_8));
        String log = err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(log).isZero();
        assertThat(json).isRegularFile();
        assertThat(Files.list(dir).filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
        Report report = JsonReport.read(json);
        assertThat(report.errors()).as(log).isEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("worked/s", "requests/s", "enqueue-to-start p99");
        return report;
    }

    private static double value(Report report, String workload, String store, String subject, String metric) {
        return report.value(workload, store, subject, metric)
                .orElseThrow(() ->
                        new AssertionError("no figure " + workload + " / " + store + " / " + subject + " / " + metric));
    }

    /** Keeps what the harness says for the assertions and shows it while the test runs. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
