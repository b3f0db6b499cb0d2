package io.taskforge.server.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskforge.server.testing.Http;
import io.taskforge.server.testing.Http.Response;
import io.taskforge.server.testing.SqliteStore;
import io.taskforge.server.testing.TestData;
import io.taskforge.store.TaskStore;
import io.taskforge.store.WorkerRecord;
import io.taskforge.store.WorkerStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The Python example worker ({@code examples/python-worker/worker.py}) against the real server: a
 * child process started with {@code python3}, claiming from a queue that the server's own worker
 * does not serve. It runs the demo handlers to SUCCEEDED, dead-letters a bad payload at once, stops
 * a task cancelled while running, and stops gracefully on SIGTERM, giving back what it could not
 * finish.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"taskforge.worker.queues=default", "taskforge.worker.shutdown-grace=2s"})
@SqliteStore
class PythonWorkerTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final Path WORKER_SCRIPT = Path.of("..", "examples", "python-worker", "worker.py");

    @LocalServerPort
    int port;

    @Autowired
    TaskStore store;

    Http http;
    String queue;
    String workerId;
    Process python;
    Path output;

    @BeforeEach
    void startPythonWorker() throws IOException {
        http = new Http(port);
        queue = "python-" + UUID.randomUUID().toString().substring(0, 8);
        workerId = "py-test-" + queue;
        assertThat(WORKER_SCRIPT).as("the example worker").exists();
        output = TestData.file("python-worker-", ".log");
        // The worker signs in as the examples say: with an OPERATOR key of the tenant, from the environment.
        Response key = http.post("/api/v1/api-keys", "{\"name\": \"" + workerId + "\", \"role\": \"OPERATOR\"}");
        assertThat(key.status()).as(key.toString()).isEqualTo(201);
        ProcessBuilder worker = new ProcessBuilder(
                        "python3",
                        WORKER_SCRIPT.toString(),
                        "--server",
                        http.base(),
                        "--queues",
                        queue,
                        "--concurrency",
                        "3",
                        "--worker-id",
                        workerId,
                        // Heartbeats every 2 s: a cancel reaches the handler quickly.
                        "--lease-seconds",
                        "6",
                        "--grace-seconds",
                        "2",
                        "--max-idle-seconds",
                        "0.5")
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        worker.environment().put("TASKFORGE_API_KEY", key.json().get("key").asString());
        python = worker.start();
    }

    @AfterEach
    void endPythonWorker() throws InterruptedException {
        if (python != null && python.isAlive()) {
            ProcessHandle.of(python.pid()).ifPresent(ProcessHandle::destroyForcibly);
            python.waitFor(10, TimeUnit.SECONDS);
        }
    }

    String submit(String type, String payload, String extra) {
        Response r = http.post(
                "/api/v1/tasks",
                "{\"type\": \"" + type + "\", \"queue\": \"" + queue + "\", \"payload\": " + payload + extra + "}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    JsonNode task(String id) {
        Response r = http.get("/api/v1/tasks/" + id);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    JsonNode awaitStatus(String id, String status) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(100))
                .failFast("the Python worker exited", () -> !python.isAlive())
                .untilAsserted(() -> {
                    last.set(task(id));
                    assertThat(last.get().get("status").asString())
                            .as("task %s; worker output:%n%s", id, pythonOutput())
                            .isEqualTo(status);
                });
        return last.get();
    }

    List<String> logLines(String id) {
        JsonNode items = http.get("/api/v1/tasks/" + id + "/logs").json().get("items");
        return StreamSupport.stream(items.spliterator(), false)
                .map(l -> l.get("line").asString())
                .toList();
    }

    String pythonOutput() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Test
    void the_python_worker_runs_the_demo_tasks_dead_letters_a_bad_one_stops_a_cancelled_one_and_stops_on_sigterm()
            throws InterruptedException {
        String echo = submit("py.echo", "{\"message\": \"hello from Java\"}", "");
        String words = submit("py.wordcount", "{\"text\": \"The cat and the dog.\\nThe end\", \"top\": 2}", "");
        String bad = submit("py.wordcount", "{\"no\": \"text\"}", ", \"maxAttempts\": 3");
        String sleeper = submit("py.sleep", "{\"seconds\": 120}", "");

        JsonNode echoed = awaitStatus(echo, "SUCCEEDED");
        assertThat(echoed.get("result").get("echo").get("message").asString()).isEqualTo("hello from Java");
        assertThat(echoed.get("result").get("worker").asString()).isEqualTo(workerId);
        assertThat(echoed.get("workerId").asString()).isEqualTo(workerId);
        assertThat(echoed.get("progress").get("percent").asInt()).isEqualTo(100);
        assertThat(logLines(echo)).contains("echo from " + workerId + " (attempt 1)");

        JsonNode counted = awaitStatus(words, "SUCCEEDED");
        assertThat(counted.get("result").get("words").asInt()).isEqualTo(7);
        assertThat(counted.get("result").get("lines").asInt()).isEqualTo(2);
        assertThat(counted.get("result").get("top").get(0).toString()).isEqualTo("[\"the\",3]");
        assertThat(logLines(words)).contains("7 words, 5 distinct");

        JsonNode failed = awaitStatus(bad, "FAILED");
        assertThat(failed.get("attempt").asInt()).as("not retried").isEqualTo(1);
        assertThat(failed.get("error").get("type").asString()).isEqualTo("NonRetryable");
        assertThat(failed.get("error").get("message").asString()).contains("needs a payload");
        assertThat(failed.get("error").get("stack").asString()).contains("Traceback");

        awaitStatus(sleeper, "RUNNING");
        assertThat(http.post("/api/v1/tasks/" + sleeper + "/cancel", null).status())
                .isEqualTo(202);
        JsonNode cancelled = awaitStatus(sleeper, "CANCELLED");
        assertThat(cancelled.get("attempt").asInt()).isEqualTo(1);

        // SIGTERM (what destroy() sends to the pid): a graceful stop. The task still running after
        // the grace period is given back to its queue at once, and the registry hears of the stop.
        String unfinished = submit("py.sleep", "{\"seconds\": 120}", "");
        awaitStatus(unfinished, "RUNNING");
        python.destroy();
        assertThat(python.waitFor(30, TimeUnit.SECONDS))
                .as("the worker stops within its grace period; output:%n%s", pythonOutput())
                .isTrue();
        assertThat(python.exitValue()).as(pythonOutput()).isZero();
        JsonNode released = task(unfinished);
        assertThat(released.get("status").asString()).isEqualTo("QUEUED");
        assertThat(released.get("attempt").asInt())
                .as("a released attempt does not count")
                .isZero();
        WorkerRecord registered = store.workerList().stream()
                .filter(w -> w.id().equals(workerId))
                .findFirst()
                .orElseThrow();
        assertThat(registered.status()).isEqualTo(WorkerStatus.STOPPED);
        assertThat(registered.queues()).containsExactly(queue);
        assertThat(registered.concurrency()).isEqualTo(3);
        assertThat(registered.pid()).isEqualTo(python.pid());
    }
}
