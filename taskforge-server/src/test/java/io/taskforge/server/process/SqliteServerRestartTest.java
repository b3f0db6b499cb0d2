package io.taskforge.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
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

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    @Timeout(240)
    void a_server_killed_and_restarted_finishes_every_task_it_acknowledged() throws Exception {
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data")), "restart-");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();

        int port = TaskforgeProcess.freePort();
        try (TaskforgeProcess first = server("restart-1", dataDir, port)) {
            AtomicBoolean submitting = new AtomicBoolean(true);
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                clients.add(Thread.ofVirtual().start(() -> submitUntilStopped(port, submitting, acknowledged)));
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
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            long unfinished;
            while ((unfinished = total(port2, "QUEUED,RUNNING,RETRYING,SCHEDULED")) > 0) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(
                            unfinished + " tasks still unfinished after the restart\n" + second.output());
                }
                Thread.sleep(250);
            }
            for (String id : acknowledged) {
                HttpResponse<String> r = get(port2, "/api/v1/tasks/" + id);
                assertThat(r.statusCode())
                        .as("acknowledged task %s must exist", id)
                        .isEqualTo(200);
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
        p.awaitHealthy(port, Duration.ofSeconds(90));
        return p;
    }

    private void submitUntilStopped(int port, AtomicBoolean submitting, Set<String> acknowledged) {
        String body = "{\"type\": \"sleep\", \"payload\": {\"seconds\": 0.02}}";
        while (submitting.get()) {
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/tasks"))
                                .timeout(Duration.ofSeconds(5))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 201) {
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

    private long total(int port, String statuses) throws Exception {
        HttpResponse<String> r = get(port, "/api/v1/tasks?limit=1&includeTotal=true&status=" + statuses);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Matcher m = TOTAL.matcher(r.body());
        assertThat(m.find()).as(r.body()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
