package io.taskforge.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskforge.server.testing.Http;
import io.taskforge.server.testing.Http.Response;
import io.taskforge.server.testing.TestData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * A pipeline survives its server: a {@code taskforge server} on SQLite is killed with SIGKILL in the
 * middle of a fan-out (some items done, some running, the rest pending), then started again on the
 * same data directory. The running items come back when their leases expire, the pending ones are
 * started as slots free up, and the run finishes with every result in item order.
 */
class PipelineRestartTest {
    private static final String PIPELINE = """
            name: survivor
            steps:
              - id: start
                type: shell
                payload: {command: "echo '{\\"items\\": [0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19]}'", jsonResult: true}
              - id: each
                type: shell
                dependsOn: [start]
                forEach: "${steps.start.result.items}"
                maxParallel: 3
                payload: {command: "sleep 0.3; echo '{\\"i\\": ${item}}'", jsonResult: true}
              - {id: join, type: noop, dependsOn: [each], payload: {all: "${steps.each.result}"}}
            """;

    @Test
    @Timeout(240)
    void a_server_killed_in_the_middle_of_a_pipeline_finishes_the_run_after_a_restart() throws Exception {
        Path dataDir = TestData.directory("pipeline-restart-");
        String runId;
        int port = TaskforgeProcess.freePort();
        try (TaskforgeProcess first = server("pipeline-restart-1", dataDir, port)) {
            Http http = new Http("http://127.0.0.1:" + port, Duration.ofSeconds(10));
            Response saved = http.send("POST", "/api/v1/pipelines", PIPELINE, "application/yaml");
            assertThat(saved.status()).as(saved.toString()).isEqualTo(201);
            Response started = http.post("/api/v1/pipelines/survivor/runs", "{}");
            assertThat(started.status()).as(started.toString()).isEqualTo(201);
            runId = started.json().get("id").asString();

            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (succeededItems(http, runId) < 4) {
                assertThat(System.nanoTime()).as(first.output()).isLessThan(deadline);
                Thread.sleep(50);
            }
            first.kill(); // items running, items pending, batches half-written
        }

        int port2 = TaskforgeProcess.freePort();
        try (TaskforgeProcess second = server("pipeline-restart-2", dataDir, port2)) {
            Http http = new Http("http://127.0.0.1:" + port2, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            JsonNode run;
            while (!"SUCCEEDED".equals((run = run(http, runId)).get("status").asString())) {
                assertThat(run.get("status").asString()).as(second.output()).isEqualTo("RUNNING");
                assertThat(System.nanoTime())
                        .as("run still RUNNING: %s\n%s", run, second.output())
                        .isLessThan(deadline);
                Thread.sleep(250);
            }
            JsonNode all = run.get("results").get("each");
            assertThat(all).hasSize(20);
            for (int i = 0; i < 20; i++) {
                assertThat(all.get(i).get("i").asInt()).isEqualTo(i);
            }
            assertThat(second.terminate(Duration.ofSeconds(60))).isIn(0, 130, 143);
        }
    }

    private static JsonNode run(Http http, String id) {
        Response r = http.get("/api/v1/pipeline-runs/" + id);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static int succeededItems(Http http, String id) {
        int n = 0;
        for (JsonNode step : run(http, id).get("steps")) {
            if (step.get("id").asString().equals("each")) {
                for (JsonNode t : step.get("tasks")) {
                    if (t.get("status").asString().equals("SUCCEEDED")) {
                        n++;
                    }
                }
            }
        }
        return n;
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
}
