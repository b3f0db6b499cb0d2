package io.taskforge.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskforge.server.testing.Http;
import io.taskforge.server.testing.Http.Response;
import io.taskforge.server.testing.TestData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The embedded shape under a crash: a {@code taskforge server} on SQLite is killed with SIGKILL
 * while clients submit tasks and the worker runs them, then started again on the same data
 * directory. Every task that was answered 201 is there and finishes; nothing is left unfinished.
 */
class SqliteServerRestartTest {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z]+)\"");
    private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");

    @Test
    @Timeout(240)
    void a_server_killed_and_restarted_finishes_every_task_it_acknowledged() throws Exception {
        Path dataDir = TestData.directory("restart-");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();

        int port = TaskforgeProcess.freePort();
        try (TaskforgeProcess first = server("restart-1", dataDir, port)) {
            Http http = new Http("http://127.0.0.1:" + port, Duration.ofSeconds(5));
            AtomicBoolean submitting = new AtomicBoolean(true);
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                clients.add(Thread.ofVirtual().start(() -> submitUntilStopped(http, submitting, acknowledged)));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (acknowledged.size() < 200 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(acknowledged.size()).as(first.output()).isGreaterThanOrEqualTo(200);

            first.kill(); // mid-flight: requests in progress, tasks running, batches half-written

            submitting.set(false);
            for (Thread t : clients) {
                t.join(Duration.ofSeconds(30));
            }
        }

        int port2 = TaskforgeProcess.freePort();
        try (TaskforgeProcess second = server("restart-2", dataDir, port2)) {
            Http http = new Http("http://127.0.0.1:" + port2, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            long unfinished;
            while ((unfinished = total(http, "QUEUED,RUNNING,RETRYING,SCHEDULED")) > 0) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(
                            unfinished + " tasks still unfinished after the restart\n" + second.output());
                }
                Thread.sleep(250);
            }
            for (String id : acknowledged) {
                Response r = http.get("/api/v1/tasks/" + id);
                assertThat(r.status()).as("acknowledged task %s must exist", id).isEqualTo(200);
                Matcher m = STATUS.matcher(r.body());
                assertThat(m.find()).isTrue();
                assertThat(m.group(1)).as("status of %s", id).isEqualTo("SUCCEEDED");
            }
            assertThat(second.terminate(Duration.ofSeconds(60))).isIn(0, 130, 143);
        }
    }

    private TaskforgeProcess server(String name, Path dataDir, int port) throws Exception {
        TaskforgeProcess p = TaskforgeProcess.start(
                name,
                Map.of(),
                "server",
                "--port",
                String.valueOf(port),
                "--data-dir",
                dataDir.toString(),
                "--worker-concurrency",
                "4");
        try {
            p.awaitHealthy(port, Duration.ofSeconds(90));
            return p;
        } catch (Exception | AssertionError e) {
            p.close(); // a server that never became healthy must not outlive the test
            throw e;
        }
    }

    private static void submitUntilStopped(Http http, AtomicBoolean submitting, Set<String> acknowledged) {
        String body = "{\"type\": \"sleep\", \"payload\": {\"seconds\": 0.02}}";
        while (submitting.get()) {
            try {
                Response r = http.post("/api/v1/tasks", body);
                if (r.status() == 201) {
                    Matcher m = ID.matcher(r.body());
                    if (m.find()) {
                        acknowledged.add(m.group(1));
                    }
                }
            } catch (Exception e) {
                // The server is gone: whatever was not answered 201 may or may not exist.
                sleep(20);
            }
        }
    }

    private static long total(Http http, String statuses) {
        Response r = http.get("/api/v1/tasks?limit=1&includeTotal=true&status=" + statuses);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Matcher m = TOTAL.matcher(r.body());
        assertThat(m.find()).as(r.body()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
