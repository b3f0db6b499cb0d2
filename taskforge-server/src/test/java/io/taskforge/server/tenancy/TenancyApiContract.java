package io.taskforge.server.tenancy;

import static io.taskforge.server.testing.ProblemAssertions.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskforge.auth.Role;
import io.taskforge.server.auth.Caller;
import io.taskforge.server.auth.CurrentCaller;
import io.taskforge.server.testing.EventStream;
import io.taskforge.server.testing.Http;
import io.taskforge.server.testing.Http.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.JsonNode;

/**
 * Tenant isolation over real HTTP against the whole server: resources made in tenant A are, for a
 * caller of tenant B, exactly what missing ones are (the same 404 problem) on every by-id and
 * by-name endpoint, and absent from every list, count and stream; A still sees all of them.
 *
 * <p>The caller is a test bean whose tenant the test switches between requests (requests run one at
 * a time here). Every test uses tenants of its own, so tests sharing a database never see each
 * other's resources. Nothing here is served by a worker: tasks wait in a queue nobody serves.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"taskforge.worker.queues=served-by-no-tenancy-test", "taskforge.worker.concurrency=1"})
@Import(TenancyApiContract.SwitchableCallerConfiguration.class)
abstract class TenancyApiContract {
    static final String IDLE = "tenancy-idle";

    /** The tenant the next request acts in. */
    static volatile String tenant = "default";

    @TestConfiguration
    static class SwitchableCallerConfiguration {
        @Bean
        @Primary
        CurrentCaller switchableCaller() {
            return () -> new Caller("tester", null, null, tenant, Role.ADMIN, false, null);
        }
    }

    @LocalServerPort
    int port;

    Http http;
    String a;
    String b;

    @BeforeEach
    void tenants() {
        http = new Http(port);
        String run = UUID.randomUUID().toString().substring(0, 8);
        a = "a-" + run;
        b = "b-" + run;
    }

    @AfterEach
    void backToDefault() {
        tenant = "default";
    }

    static String json(Object... namesAndValues) {
        return Http.JSON.writeValueAsString(obj(namesAndValues));
    }

    static Map<String, Object> obj(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    JsonNode created(Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    static List<String> values(JsonNode items, String field) {
        return StreamSupport.stream(items.spliterator(), false)
                .map(i -> i.get(field).asString())
                .toList();
    }

    /** B's answer is the problem a missing resource gets: same status, same type. */
    void missingFor(Response foreign, Response missing) {
        JsonNode f = problem(foreign, 404);
        JsonNode m = problem(missing, 404);
        assertThat(f.get("type").asString()).isEqualTo(m.get("type").asString());
    }

    // ---- tasks --------------------------------------------------------------------------------------

    @Test
    void a_task_of_another_tenant_is_missing_for_every_call() {
        tenant = a;
        JsonNode task = created(http.post(
                "/api/v1/tasks", json("type", "noop", "title", "a's secret", "queue", IDLE, "tags", List.of("a-tag"))));
        String id = task.get("id").asString();
        String missing = UUID.randomUUID().toString();

        tenant = b;
        String[] paths = {"", "/events", "/logs"};
        for (String p : paths) {
            missingFor(http.get("/api/v1/tasks/" + id + p), http.get("/api/v1/tasks/" + missing + p));
        }
        missingFor(
                http.patch("/api/v1/tasks/" + id, json("title", "taken over")),
                http.patch("/api/v1/tasks/" + missing, json("title", "taken over")));
        missingFor(http.post("/api/v1/tasks/" + id + "/cancel"), http.post("/api/v1/tasks/" + missing + "/cancel"));
        missingFor(http.post("/api/v1/tasks/" + id + "/retry"), http.post("/api/v1/tasks/" + missing + "/retry"));
        missingFor(http.delete("/api/v1/tasks/" + id), http.delete("/api/v1/tasks/" + missing));
        assertThat(http.get("/api/v1/tasks/" + id + "/logs/stream", "Accept", "text/event-stream")
                        .status())
                .isEqualTo(404);

        tenant = a;
        JsonNode still = http.get("/api/v1/tasks/" + id).json();
        assertThat(still.get("status").asString()).isEqualTo("QUEUED");
        assertThat(still.get("title").asString()).isEqualTo("a's secret");
        assertThat(http.get("/api/v1/tasks/" + id + "/events").status()).isEqualTo(200);
        assertThat(http.post("/api/v1/tasks/" + id + "/cancel").status()).isEqualTo(202);
        assertThat(http.post("/api/v1/tasks/" + id + "/retry").status()).isEqualTo(202);
    }

    @Test
    void lists_counts_and_stats_hold_only_the_callers_tasks() {
        tenant = a;
        http.post("/api/v1/tasks", json("type", "noop", "title", "needle one", "queue", IDLE));
        created(http.post(
                "/api/v1/tasks/batch",
                json(
                        "tasks",
                        List.of(
                                obj("type", "noop", "title", "needle two", "queue", IDLE),
                                obj("type", "noop", "title", "needle three", "queue", IDLE)))));
        created(http.post("/api/v1/tags", json("name", "shared-name", "color", "#ff0000")));

        tenant = b;
        created(http.post("/api/v1/tasks", json("type", "noop", "title", "needle of b", "queue", IDLE)));
        JsonNode bList = http.get("/api/v1/tasks?q=needle&includeTotal=true").json();
        assertThat(values(bList.get("items"), "title")).containsExactly("needle of b");
        assertThat(bList.get("total").asLong()).isEqualTo(1);
        assertThat(http.get("/api/v1/tasks?queue=" + IDLE + "&includeTotal=true")
                        .json()
                        .get("total")
                        .asLong())
                .isEqualTo(1);
        assertThat(http.get("/api/v1/queues/" + IDLE).json().get("queued").asLong())
                .isEqualTo(1);
        JsonNode stats = http.get("/api/v1/monitor/tasks?window=5m").json();
        assertThat(stats.get("countsByStatus").get("QUEUED").asLong()).isEqualTo(1);
        // Tags are per tenant: B has none of A's, and may use the same name for its own.
        assertThat(values(http.get("/api/v1/tags").json().get("items"), "name")).doesNotContain("shared-name");
        problem(http.patch("/api/v1/tags/shared-name", json("color", "#00ff00")), 404);
        problem(http.delete("/api/v1/tags/shared-name"), 404);
        created(http.post("/api/v1/tags", json("name", "shared-name", "color", "#0000ff")));

        tenant = a;
        JsonNode aList = http.get("/api/v1/tasks?q=needle&includeTotal=true").json();
        assertThat(values(aList.get("items"), "title"))
                .containsExactlyInAnyOrder("needle one", "needle two", "needle three");
        assertThat(http.get("/api/v1/monitor/tasks?window=5m")
                        .json()
                        .get("countsByStatus")
                        .get("QUEUED")
                        .asLong())
                .isEqualTo(3);
        JsonNode aTags = http.get("/api/v1/tags").json().get("items");
        assertThat(StreamSupport.stream(aTags.spliterator(), false)
                        .filter(t -> t.get("name").asString().equals("shared-name"))
                        .map(t -> t.get("color").asString()))
                .containsExactly("#ff0000");
    }

    @Test
    void the_change_stream_sends_only_the_callers_tasks() throws Exception {
        tenant = a;
        created(http.post("/api/v1/tasks", json("type", "noop", "title", "a's change", "queue", IDLE)));

        tenant = b;
        // From the very first event: every change of A's task lies before B's in the feed.
        try (EventStream stream = http.open("/api/v1/events/stream?after=0")) {
            assertThat(stream.status()).isEqualTo(200);
            String mine = created(
                            http.post("/api/v1/tasks", json("type", "noop", "title", "b's change", "queue", IDLE)))
                    .get("id")
                    .asString();
            List<EventStream.SseEvent> events = stream.await(1);
            assertThat(events).hasSize(1);
            assertThat(events.getFirst().json().get("id").asString()).isEqualTo(mine);
        }
    }

    // ---- scripts ------------------------------------------------------------------------------------

    @Test
    void a_script_of_another_tenant_is_missing_and_its_name_is_free() {
        tenant = a;
        JsonNode script = created(http.post(
                "/api/v1/scripts", json("name", "report", "language", "bash", "content", "echo a\n", "queue", IDLE)));
        String id = script.get("id").asString();
        String run = created(http.post("/api/v1/scripts/report/run", json("params", obj())))
                .get("id")
                .asString();

        tenant = b;
        for (String ref : List.of(id, "report")) {
            String missing = ref.equals(id) ? UUID.randomUUID().toString() : "no-such-script";
            missingFor(http.get("/api/v1/scripts/" + ref), http.get("/api/v1/scripts/" + missing));
            missingFor(
                    http.get("/api/v1/scripts/" + ref + "/versions"),
                    http.get("/api/v1/scripts/" + missing + "/versions"));
            missingFor(
                    http.get("/api/v1/scripts/" + ref + "/versions/1"),
                    http.get("/api/v1/scripts/" + missing + "/versions/1"));
            missingFor(
                    http.patch("/api/v1/scripts/" + ref, json("description", "mine now")),
                    http.patch("/api/v1/scripts/" + missing, json("description", "mine now")));
            missingFor(
                    http.post("/api/v1/scripts/" + ref + "/run", json("params", obj())),
                    http.post("/api/v1/scripts/" + missing + "/run", json("params", obj())));
            missingFor(http.delete("/api/v1/scripts/" + ref), http.delete("/api/v1/scripts/" + missing));
        }
        problem(http.get("/api/v1/tasks/" + run), 404);
        assertThat(http.get("/api/v1/scripts").json().get("items")).isEmpty();
        JsonNode own = created(http.post(
                "/api/v1/scripts", json("name", "report", "language", "bash", "content", "echo b\n", "queue", IDLE)));
        assertThat(own.get("id").asString()).isNotEqualTo(id);

        tenant = a;
        assertThat(http.get("/api/v1/scripts/report").json().get("id").asString())
                .isEqualTo(id);
        assertThat(values(http.get("/api/v1/scripts").json().get("items"), "id"))
                .containsExactly(id);
        assertThat(http.get("/api/v1/tasks/" + run).json().get("type").asString())
                .isEqualTo("script");
    }

    // ---- pipelines ----------------------------------------------------------------------------------

    @Test
    void a_pipeline_and_its_runs_of_another_tenant_are_missing() {
        tenant = a;
        String yaml = "name: flow\nsteps:\n  - {id: s, type: noop, queue: " + IDLE + "}\n";
        JsonNode pipeline = created(http.send("POST", "/api/v1/pipelines", yaml, "application/yaml"));
        String id = pipeline.get("id").asString();
        JsonNode run = created(http.post("/api/v1/pipelines/flow/runs", "{}"));
        String runId = run.get("id").asString();
        String missingRun = UUID.randomUUID().toString();

        tenant = b;
        for (String ref : List.of(id, "flow")) {
            missingFor(http.get("/api/v1/pipelines/" + ref), http.get("/api/v1/pipelines/no-such-flow"));
            missingFor(
                    http.get("/api/v1/pipelines/" + ref + "/versions/1"),
                    http.get("/api/v1/pipelines/no-such-flow/versions/1"));
            missingFor(
                    http.post("/api/v1/pipelines/" + ref + "/runs", "{}"),
                    http.post("/api/v1/pipelines/no-such-flow/runs", "{}"));
        }
        missingFor(http.get("/api/v1/pipeline-runs/" + runId), http.get("/api/v1/pipeline-runs/" + missingRun));
        missingFor(
                http.post("/api/v1/pipeline-runs/" + runId + "/cancel"),
                http.post("/api/v1/pipeline-runs/" + missingRun + "/cancel"));
        missingFor(
                http.post("/api/v1/pipeline-runs/" + runId + "/retry"),
                http.post("/api/v1/pipeline-runs/" + missingRun + "/retry"));
        assertThat(http.get("/api/v1/pipelines").json().get("items")).isEmpty();
        assertThat(http.get("/api/v1/pipeline-runs").json().get("items")).isEmpty();
        assertThat(http.get("/api/v1/tasks?pipelineRunId=" + runId).json().get("items"))
                .isEmpty();
        JsonNode own = created(http.send("POST", "/api/v1/pipelines", yaml, "application/yaml"));
        assertThat(own.get("version").asInt()).isEqualTo(1);

        tenant = a;
        assertThat(http.get("/api/v1/pipeline-runs/" + runId).status()).isEqualTo(200);
        assertThat(values(http.get("/api/v1/pipeline-runs").json().get("items"), "id"))
                .containsExactly(runId);
        JsonNode steps = http.get("/api/v1/tasks?pipelineRunId=" + runId).json().get("items");
        assertThat(steps).hasSize(1);
        assertThat(http.post("/api/v1/pipeline-runs/" + runId + "/cancel").status())
                .isEqualTo(200);
    }

    // ---- schedules ----------------------------------------------------------------------------------

    @Test
    void a_schedule_and_its_fires_of_another_tenant_are_missing_and_fires_stay_in_its_tenant() {
        tenant = a;
        JsonNode schedule = created(http.post(
                "/api/v1/schedules",
                json(
                        "name",
                        "nightly",
                        "cron",
                        "0 3 * * *",
                        "paused",
                        true,
                        "task",
                        obj("type", "noop", "queue", IDLE, "title", "nightly of a"))));
        String id = schedule.get("id").asString();

        tenant = b;
        for (String ref : List.of(id, "nightly")) {
            String missing = ref.equals(id) ? UUID.randomUUID().toString() : "no-such-schedule";
            missingFor(http.get("/api/v1/schedules/" + ref), http.get("/api/v1/schedules/" + missing));
            missingFor(
                    http.get("/api/v1/schedules/" + ref + "/fires"),
                    http.get("/api/v1/schedules/" + missing + "/fires"));
            missingFor(
                    http.patch("/api/v1/schedules/" + ref, json("description", "mine")),
                    http.patch("/api/v1/schedules/" + missing, json("description", "mine")));
            for (String action : List.of("pause", "resume", "trigger")) {
                missingFor(
                        http.post("/api/v1/schedules/" + ref + "/" + action),
                        http.post("/api/v1/schedules/" + missing + "/" + action));
            }
            missingFor(http.delete("/api/v1/schedules/" + ref), http.delete("/api/v1/schedules/" + missing));
        }
        assertThat(http.get("/api/v1/schedules").json().get("items")).isEmpty();

        tenant = a;
        JsonNode fire = http.post("/api/v1/schedules/nightly/trigger").json();
        String taskId = fire.get("taskId").asString();
        assertThat(http.get("/api/v1/tasks/" + taskId).json().get("title").asString())
                .isEqualTo("nightly of a");
        assertThat(http.get("/api/v1/schedules/nightly/fires").json().get("items"))
                .hasSize(1);

        tenant = b;
        problem(http.get("/api/v1/tasks/" + taskId), 404);
    }

    // ---- remote workers -----------------------------------------------------------------------------

    @Test
    void a_remote_worker_claims_only_its_tenants_tasks_and_cannot_report_on_anothers() {
        String queue = "remote-" + a;
        tenant = a;
        String aTask = created(http.post("/api/v1/tasks", json("type", "noop", "queue", queue, "priority", "URGENT")))
                .get("id")
                .asString();
        tenant = b;
        String bTask = created(http.post("/api/v1/tasks", json("type", "noop", "queue", queue)))
                .get("id")
                .asString();

        Response claimed = http.post(
                "/api/v1/worker/claim", json("workerId", "shared-worker-id", "queues", List.of(queue), "max", 10));
        assertThat(claimed.status()).as(claimed.toString()).isEqualTo(200);
        assertThat(values(claimed.json().get("items"), "id")).containsExactly(bTask);

        tenant = a;
        JsonNode aClaimed = http.post(
                        "/api/v1/worker/claim",
                        json("workerId", "shared-worker-id", "queues", List.of(queue), "max", 10))
                .json();
        assertThat(values(aClaimed.get("items"), "id")).containsExactly(aTask);

        // B knows A's task id and A's worker id: every report answers as for a missing task.
        tenant = b;
        String report = json("workerId", "shared-worker-id", "attempt", 1);
        String missing = UUID.randomUUID().toString();
        for (String what : List.of("heartbeat", "progress", "complete", "release")) {
            String body = what.equals("progress")
                    ? json("workerId", "shared-worker-id", "attempt", 1, "percent", 50)
                    : report;
            Response foreign = http.post("/api/v1/worker/tasks/" + aTask + "/" + what, body);
            Response absent = http.post("/api/v1/worker/tasks/" + missing + "/" + what, body);
            JsonNode f = problem(foreign, 409);
            JsonNode m = problem(absent, 409);
            assertThat(f.get("type").asString()).isEqualTo(m.get("type").asString());
            assertThat(f.has("currentStatus")).isFalse();
        }
        problem(
                http.post(
                        "/api/v1/worker/tasks/" + aTask + "/logs",
                        json("workerId", "shared-worker-id", "attempt", 1, "lines", List.of("injected"))),
                409);
        problem(
                http.post(
                        "/api/v1/worker/tasks/" + aTask + "/fail",
                        json("workerId", "shared-worker-id", "attempt", 1, "error", obj("message", "no"))),
                409);

        tenant = a;
        JsonNode still = http.get("/api/v1/tasks/" + aTask).json();
        assertThat(still.get("status").asString()).isEqualTo("RUNNING");
        assertThat(http.get("/api/v1/tasks/" + aTask + "/logs").json().get("items"))
                .isEmpty();
        assertThat(http.post("/api/v1/worker/tasks/" + aTask + "/complete", report)
                        .status())
                .isEqualTo(200);
        assertThat(http.get("/api/v1/tasks/" + aTask).json().get("status").asString())
                .isEqualTo("SUCCEEDED");
    }
}
