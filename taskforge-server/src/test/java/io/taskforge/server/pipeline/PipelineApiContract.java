package io.taskforge.server.pipeline;

import static io.taskforge.server.testing.ProblemAssertions.errorFields;
import static io.taskforge.server.testing.ProblemAssertions.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.taskforge.server.testing.Http;
import io.taskforge.server.testing.Http.Response;
import io.taskforge.server.testing.TestData;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The pipeline endpoints over real HTTP against the whole server: a real store and the engine's
 * worker running the steps. Every test names its pipelines with a prefix of its own.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "taskforge.worker.queues=default",
            "taskforge.worker.concurrency=16",
            "taskforge.worker.shutdown-grace=2s",
        })
abstract class PipelineApiContract {
    static final Duration WAIT = Duration.ofSeconds(90);

    @LocalServerPort
    int port;

    Http http;
    String prefix;

    @BeforeEach
    void connect() {
        http = new Http(port);
        prefix = "p" + UUID.randomUUID().toString().substring(0, 8) + "-";
    }

    JsonNode save(String body, String contentType) {
        Response r = http.send("POST", "/api/v1/pipelines", body, contentType);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    JsonNode start(String ref, String params) {
        Response r =
                http.post("/api/v1/pipelines/" + ref + "/runs", params == null ? "{}" : "{\"params\": " + params + "}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.header("Location"))
                .hasValueSatisfying(l -> assertThat(l)
                        .endsWith("/api/v1/pipeline-runs/" + r.json().get("id").asString()));
        return r.json();
    }

    JsonNode run(String id) {
        Response r = http.get("/api/v1/pipeline-runs/" + id);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    JsonNode awaitRun(String id, String status) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            last.set(run(id));
            assertThat(last.get().get("status").asString()).isEqualTo(status);
        });
        return last.get();
    }

    static JsonNode step(JsonNode run, String id) {
        for (JsonNode s : run.get("steps")) {
            if (s.get("id").asString().equals(id)) {
                return s;
            }
        }
        throw new AssertionError("no step " + id + " in " + run);
    }

    @Test
    void saves_yaml_and_json_as_versions_and_reads_them_back() {
        String name = prefix + "docs";
        JsonNode v1 = save("name: " + name + "\nsteps:\n  - {id: a, type: noop}\n", "application/yaml");
        assertThat(v1.get("version").asInt()).isEqualTo(1);
        JsonNode v2 = save(
                "{\"name\": \"" + name
                        + "\", \"onFailure\": \"CONTINUE\", \"steps\": [{\"id\": \"b\", \"type\": \"noop\"}]}",
                "application/json");
        assertThat(v2.get("id").asString()).isEqualTo(v1.get("id").asString());
        assertThat(v2.get("version").asInt()).isEqualTo(2);

        JsonNode got = http.get("/api/v1/pipelines/" + name).json();
        assertThat(got.get("definition").get("onFailure").asString()).isEqualTo("CONTINUE");
        assertThat(got.get("versions")).hasSize(2);
        JsonNode first = http.get("/api/v1/pipelines/" + v1.get("id").asString() + "/versions/1")
                .json();
        assertThat(first.get("definition").get("steps").get(0).get("id").asString())
                .isEqualTo("a");
        assertThat(http.get("/api/v1/pipelines/" + name + "/versions/9").status())
                .isEqualTo(404);
        assertThat(http.get("/api/v1/pipelines/" + prefix + "nope").status()).isEqualTo(404);

        List<String> names = StreamSupport.stream(
                        http.get("/api/v1/pipelines?limit=500")
                                .json()
                                .get("items")
                                .spliterator(),
                        false)
                .map(p -> p.get("name").asString())
                .toList();
        assertThat(names).contains(name);
    }

    @Test
    void an_unusable_definition_answers_422_with_the_path_of_each_error() {
        Response r = http.send("POST", "/api/v1/pipelines", """
                name: %sbad
                steps:
                  - {id: a, type: noop, dependsOn: [c]}
                  - {id: b, type: mystery, payload: {x: "${oops}"}}
                  - {id: c, type: noop, dependsOn: [a], when: "steps.b.status =="}
                """.formatted(prefix), "application/yaml");
        JsonNode p = problem(r, 422);
        assertThat(errorFields(p)).contains("steps[0].dependsOn", "steps[1].type", "steps[1].payload.x");

        JsonNode p2 = problem(
                http.send(
                        "POST",
                        "/api/v1/pipelines",
                        "name: x\nsteps: [{id: a, type: noop, dependsOn: [nope]}]",
                        "application/yaml"),
                422);
        assertThat(errorFields(p2)).containsExactly("steps[0].dependsOn[0]");

        problem(http.send("POST", "/api/v1/pipelines", "steps: [unclosed", "application/yaml"), 400);
        problem(http.send("POST", "/api/v1/pipelines", "{\"name\": ", "application/json"), 400);
        problem(http.send("POST", "/api/v1/pipelines", "name: x\nsteps: 5", "application/yaml"), 422);
        problem(http.post("/api/v1/pipelines/" + prefix + "nope/runs", "{}"), 404);
        problem(http.get("/api/v1/pipeline-runs/" + UUID.randomUUID()), 404);
        problem(http.get("/api/v1/pipeline-runs?status=SOMETIMES"), 400);
        problem(http.get("/api/v1/pipeline-runs?cursor=garbage"), 400);
    }

    @Test
    void a_diamond_of_shell_steps_passes_data_from_the_first_step_to_the_last() {
        String name = prefix + "diamond";
        save("""
                name: %s
                params: {greeting: hello}
                steps:
                  - id: a
                    type: shell
                    payload: {command: "echo '{\\"n\\": 21, \\"word\\": \\"${params.greeting}\\"}'", jsonResult: true}
                  - id: b
                    type: shell
                    dependsOn: [a]
                    payload: {command: "echo '{\\"doubled\\": '$((${steps.a.result.n} * 2))'}'", jsonResult: true}
                  - {id: c, type: noop, dependsOn: [a]}
                  - id: d
                    type: shell
                    dependsOn: [b, c]
                    payload: {command: "echo '{\\"text\\": \\"${steps.a.result.word} ${steps.b.result.doubled}\\"}'", jsonResult: true}
                """.formatted(name), "application/yaml");
        JsonNode started = start(name, "{\"greeting\": \"hi\"}");
        assertThat(started.get("status").asString()).isEqualTo("RUNNING");
        JsonNode done = awaitRun(started.get("id").asString(), "SUCCEEDED");
        assertThat(done.get("results").get("d").get("text").asString()).isEqualTo("hi 42");
        assertThat(step(done, "b").get("result").get("doubled").asInt()).isEqualTo(42);
        String dTask = step(done, "d").get("taskId").asString();
        JsonNode task = http.get("/api/v1/tasks/" + dTask).json();
        assertThat(task.get("pipelineRunId").asString())
                .isEqualTo(started.get("id").asString());
        assertThat(task.get("node").asString()).isEqualTo("d");
        assertThat(http.get("/api/v1/tasks?pipelineRunId=" + started.get("id").asString())
                        .json()
                        .get("items"))
                .hasSize(4);
    }

    @Test
    void a_fan_out_of_100_runs_at_most_10_at_once_and_fans_in_in_item_order() {
        String name = prefix + "fan";
        save("""
                name: NAME
                steps:
                  - id: split
                    type: shell
                    payload:
                      command: 'printf ''{"items": [%s]}\\n'' "$(seq -s, 0 99)"'
                      jsonResult: true
                  - id: each
                    type: shell
                    dependsOn: [split]
                    forEach: "${steps.split.result.items}"
                    maxParallel: 10
                    payload:
                      command: 'echo "{\\"square\\": $((${item} * ${item}))}"'
                      jsonResult: true
                  - {id: sum, type: noop, dependsOn: [each], payload: {all: "${steps.each.result}"}}
                """.replace("NAME", name), "application/yaml");
        JsonNode started = start(name, null);
        JsonNode done = awaitRun(started.get("id").asString(), "SUCCEEDED");

        JsonNode each = step(done, "each");
        assertThat(each.get("tasks")).hasSize(100);
        JsonNode results = each.get("result");
        for (int i = 0; i < 100; i++) {
            assertThat(results.get(i).get("square").asInt()).isEqualTo(i * i);
        }
        JsonNode sum = http.get(
                        "/api/v1/tasks/" + step(done, "sum").get("taskId").asString())
                .json();
        assertThat(sum.get("payload").get("all").get(99).get("square").asInt()).isEqualTo(99 * 99);

        // The store's own times say how many items ever ran at once: starts and ends, ends first on a tie.
        List<long[]> edges = new ArrayList<>();
        for (JsonNode t : each.get("tasks")) {
            JsonNode task =
                    http.get("/api/v1/tasks/" + t.get("taskId").asString()).json();
            edges.add(
                    new long[] {Instant.parse(task.get("startedAt").asString()).toEpochMilli(), 1});
            edges.add(
                    new long[] {Instant.parse(task.get("finishedAt").asString()).toEpochMilli(), -1});
        }
        edges.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        int running = 0;
        int most = 0;
        for (long[] e : edges) {
            running += (int) e[1];
            most = Math.max(most, running);
        }
        assertThat(most).isBetween(1, 10);
    }

    @Test
    void fail_fast_fails_the_run_and_a_retry_reruns_only_the_failed_steps() throws Exception {
        Path flag = TestData.file("pipeline-flag-", ".txt");
        Files.delete(flag);
        String name = prefix + "flaky";
        save("""
                name: %s
                steps:
                  - {id: first, type: shell, payload: {command: "echo '{\\"v\\": 1}'", jsonResult: true}}
                  - {id: flaky, type: shell, dependsOn: [first], maxAttempts: 1, payload: {command: "test -f %s"}}
                  - {id: last, type: noop, dependsOn: [flaky]}
                """.formatted(name, flag), "application/yaml");
        String id = start(name, null).get("id").asString();
        JsonNode failed = awaitRun(id, "FAILED");
        assertThat(failed.get("error").asString()).isEqualTo("step 'flaky' failed");
        assertThat(step(failed, "last").get("status").asString()).isEqualTo("CANCELLED");
        String firstTask = step(failed, "first").get("taskId").asString();

        Files.writeString(flag, "ok");
        Response retried = http.post("/api/v1/pipeline-runs/" + id + "/retry");
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        JsonNode done = awaitRun(id, "SUCCEEDED");
        assertThat(step(done, "first").get("taskId").asString()).isEqualTo(firstTask);
        JsonNode first = http.get("/api/v1/tasks/" + firstTask).json();
        assertThat(first.get("attempt").asInt()).isEqualTo(1);
        problem(http.post("/api/v1/pipeline-runs/" + id + "/retry"), 409);
        problem(http.post("/api/v1/pipeline-runs/" + id + "/cancel"), 409);
    }

    /** examples/pipelines as shipped, against a local HTTP server serving its sample document. */
    @Test
    void the_document_processing_example_runs_end_to_end() throws Exception {
        Path example = Path.of("..", "examples", "pipelines");
        byte[] page = Files.readAllBytes(example.resolve("sample.html"));
        HttpServer files = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        files.createContext("/sample.html", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, page.length);
            try (var body = exchange.getResponseBody()) {
                body.write(page);
            }
        });
        files.start();
        try {
            String name = prefix + "documents";
            String yaml =
                    Files.readString(example.resolve("documents.yaml")).replace("name: documents", "name: " + name);
            save(yaml, "application/yaml");
            String url = "http://127.0.0.1:" + files.getAddress().getPort() + "/sample.html";
            JsonNode done = awaitRun(
                    start(name, "{\"url\": \"" + url + "\", \"chunkWords\": 50}")
                            .get("id")
                            .asString(),
                    "SUCCEEDED");

            JsonNode report = done.get("results").get("report");
            int chunks = step(done, "split").get("result").get("chunks").size();
            assertThat(chunks).isGreaterThan(3);
            assertThat(report.get("chunks").asInt()).isEqualTo(chunks);
            assertThat(report.get("source").asString()).isEqualTo(url);
            assertThat(report.get("topWords").size()).isPositive();
            JsonNode each = step(done, "process").get("result");
            for (int i = 0; i < chunks; i++) {
                assertThat(each.get(i).get("chunk").asInt()).isEqualTo(i);
            }
        } finally {
            files.stop(0);
        }
    }

    @Test
    void continue_lets_other_branches_finish() {
        String name = prefix + "cont";
        save("""
                name: %s
                onFailure: CONTINUE
                steps:
                  - {id: bad, type: shell, maxAttempts: 1, payload: {command: "exit 3"}}
                  - {id: after-bad, type: noop, dependsOn: [bad]}
                  - {id: good, type: shell, payload: {command: "sleep 0.2"}}
                  - {id: after-good, type: noop, dependsOn: [good]}
                """.formatted(name), "application/yaml");
        JsonNode done = awaitRun(start(name, null).get("id").asString(), "FAILED");
        assertThat(step(done, "after-good").get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(step(done, "after-bad").get("status").asString()).isEqualTo("SKIPPED");
        assertThat(step(done, "after-bad").get("tasks").get(0).get("skipReason").asString())
                .isEqualTo("upstream step 'bad' failed");
    }

    @Test
    void cancelling_a_run_stops_its_running_step_and_cancels_the_rest() {
        String name = prefix + "slow";
        save("""
                name: %s
                steps:
                  - {id: slow, type: sleep, payload: {seconds: 60}}
                  - {id: next, type: noop, dependsOn: [slow]}
                """.formatted(name), "application/yaml");
        String id = start(name, null).get("id").asString();
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(step(run(id), "slow")
                                .get("tasks")
                                .get(0)
                                .get("status")
                                .asString())
                        .isEqualTo("RUNNING"));
        Response cancelled = http.post("/api/v1/pipeline-runs/" + id + "/cancel");
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(step(cancelled.json(), "next").get("status").asString()).isEqualTo("CANCELLED");
        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(step(run(id), "slow").get("status").asString())
                                .isEqualTo("CANCELLED"));

        JsonNode list = http.get("/api/v1/pipeline-runs?pipelineId=" + name + "&status=CANCELLED")
                .json();
        assertThat(list.get("items")).hasSize(1);
        assertThat(list.get("items").get(0).get("id").asString()).isEqualTo(id);
    }
}
