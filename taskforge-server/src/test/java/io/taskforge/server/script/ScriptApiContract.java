package io.taskforge.server.script;

import static io.taskforge.server.testing.ProblemAssertions.errorFields;
import static io.taskforge.server.testing.ProblemAssertions.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskforge.server.testing.Http;
import io.taskforge.server.testing.Http.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The Scripts section of API.md over real HTTP against the whole server (a real store, the engine
 * and its worker running real interpreters). Subclasses pick the store; each runs this suite once,
 * in one application context.
 *
 * <p>The worker serves the {@code default} queue only; scripts whose runs must stay waiting go to a
 * queue nobody serves. Every test names its scripts with a prefix of its own, so tests sharing the
 * database never see each other's scripts by accident.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "taskforge.worker.queues=default",
            "taskforge.worker.concurrency=4",
            "taskforge.worker.shutdown-grace=2s",
        })
abstract class ScriptApiContract {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String SCRIPTS = "/api/v1/scripts";

    static final String REPORT_SCHEMA = """
            {"type": "object", "required": ["month"], "additionalProperties": false,
             "properties": {"month": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"},
                            "pages": {"type": "integer", "minimum": 1}}}""";

    static final String REPORT_PY = """
            import json, os, sys
            params = json.load(sys.stdin)
            print("building the report of " + os.environ["TF_PARAM_MONTH"])
            print(json.dumps({"month": params["month"], "pages": params.get("pages", 10), "version": 1}))
            """;

    @LocalServerPort
    int port;

    Http http;
    String prefix;

    @BeforeEach
    void connect() {
        http = new Http(port);
        prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + "-";
    }

    // ---- helpers ------------------------------------------------------------------------------------

    static String idleQueue() {
        return "idle-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A JSON object of alternating names and values, in that order. */
    static String json(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return Http.JSON.writeValueAsString(map);
    }

    static JsonNode tree(String json) {
        return Http.JSON.readTree(json);
    }

    JsonNode create(String body) {
        Response r = http.post(SCRIPTS, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    /** A bash script on a queue nobody serves. */
    JsonNode createIdle(String name) {
        return create(json("name", name, "language", "bash", "content", "echo hi\n", "queue", idleQueue()));
    }

    JsonNode task(String id) {
        Response r = http.get("/api/v1/tasks/" + id);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    JsonNode awaitStatus(String id, String... statuses) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            last.set(task(id));
            assertThat(last.get().get("status").asString()).isIn((Object[]) statuses);
        });
        return last.get();
    }

    List<String> taskIdsInQueue(String queue) {
        Response r = http.get("/api/v1/tasks?queue=" + queue + "&limit=500");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return StreamSupport.stream(r.json().get("items").spliterator(), false)
                .map(t -> t.get("id").asString())
                .toList();
    }

    // ---- storing ------------------------------------------------------------------------------------

    @Test
    void create_answers_201_with_location_and_the_script_as_documented() {
        String queue = idleQueue();
        Response r = http.post(
                SCRIPTS,
                json(
                        "name",
                        prefix + "report",
                        "description",
                        "monthly numbers",
                        "language",
                        "python",
                        "content",
                        REPORT_PY,
                        "parameters",
                        tree(REPORT_SCHEMA),
                        "queue",
                        queue,
                        "timeoutSeconds",
                        120,
                        "maxAttempts",
                        2));

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.contentType()).startsWith("application/json");
        JsonNode s = r.json();
        String id = s.get("id").asString();
        assertThat(r.header("Location")).hasValue(http.base() + SCRIPTS + "/" + id);
        assertThat(s.get("name").asString()).isEqualTo(prefix + "report");
        assertThat(s.get("description").asString()).isEqualTo("monthly numbers");
        assertThat(s.get("language").asString()).isEqualTo("python");
        assertThat(s.get("content").asString()).isEqualTo(REPORT_PY);
        assertThat(s.get("parameters")).isEqualTo(tree(REPORT_SCHEMA));
        assertThat(s.get("queue").asString()).isEqualTo(queue);
        assertThat(s.get("timeoutSeconds").asInt()).isEqualTo(120);
        assertThat(s.get("maxAttempts").asInt()).isEqualTo(2);
        assertThat(s.get("version").asInt()).isEqualTo(1);
        assertThat(Instant.parse(s.get("createdAt").asString()))
                .isEqualTo(Instant.parse(s.get("updatedAt").asString()));

        assertThat(http.get(SCRIPTS + "/" + id).json()).isEqualTo(s);
        assertThat(http.get(SCRIPTS + "/" + prefix + "report").json()).isEqualTo(s);
    }

    @Test
    void create_fills_in_the_defaults() {
        JsonNode s = create(json("name", prefix + "plain", "language", "sh", "content", "echo hi"));

        assertThat(s.get("description").isNull()).isTrue();
        assertThat(s.get("parameters")).isEqualTo(tree("{\"type\":\"object\"}"));
        assertThat(s.get("queue").asString()).isEqualTo("default");
        assertThat(s.get("timeoutSeconds").asInt()).isEqualTo(300);
        assertThat(s.get("maxAttempts").asInt()).isEqualTo(3);
    }

    @Test
    void create_refuses_bad_fields_with_one_error_per_field_and_stores_nothing() {
        Response r = http.post(SCRIPTS, """
                {"name": "has space", "language": "ruby", "parameters": {"type": "strnig"},
                 "queue": "no queue", "timeoutSeconds": 0, "maxAttempts": 101}
                """);

        JsonNode p = problem(r, 422);
        assertThat(p.get("type").asString()).isEqualTo("urn:taskforge:problem:validation");
        assertThat(errorFields(p))
                .containsExactlyInAnyOrder(
                        "name", "language", "content", "parameters.type", "queue", "timeoutSeconds", "maxAttempts");
        problem(http.get(SCRIPTS + "/has%20space"), 404);
    }

    @Test
    void create_refuses_a_parameter_schema_that_is_not_a_usable_2020_12_schema() {
        Map<String, String> cases = Map.of(
                "[1, 2]", "parameters",
                "{\"type\": \"array\"}", "parameters.type",
                "{\"$schema\": \"http://json-schema.org/draft-07/schema#\"}", "parameters.$schema",
                "{\"$ref\": \"http://127.0.0.1:9/remote.json\"}", "parameters",
                "{\"properties\": {\"n\": {\"minimum\": \"one\"}}}", "parameters.properties.n.minimum");
        cases.forEach((schema, field) -> {
            Response r = http.post(
                    SCRIPTS,
                    "{\"name\": \"" + prefix + "s\", \"language\": \"sh\", \"content\": \"true\", \"parameters\": "
                            + schema + "}");
            assertThat(errorFields(problem(r, 422))).as(schema).containsExactly(field);
        });
        problem(http.get(SCRIPTS + "/" + prefix + "s"), 404);
    }

    @Test
    void create_refuses_unknown_fields_names_shaped_like_ids_and_content_over_a_mebibyte() {
        assertThat(errorFields(problem(
                        http.post(
                                SCRIPTS,
                                "{\"name\": \"" + prefix + "a\", \"language\": \"sh\", \"content\": \"x\","
                                        + " \"params\": {}}"),
                        422)))
                .containsExactly("params");
        assertThat(errorFields(problem(
                        http.post(
                                SCRIPTS, json("name", UUID.randomUUID().toString(), "language", "sh", "content", "x")),
                        422)))
                .containsExactly("name");
        assertThat(errorFields(problem(
                        http.post(
                                SCRIPTS,
                                json("name", prefix + "big", "language", "sh", "content", "#".repeat((1 << 20) + 1))),
                        422)))
                .containsExactly("content");
    }

    @Test
    void a_taken_name_answers_409_and_a_wrong_json_type_400() {
        createIdle(prefix + "taken");

        JsonNode p = problem(http.post(SCRIPTS, json("name", prefix + "taken", "language", "sh", "content", "x")), 409);
        assertThat(p.get("type").asString()).isEqualTo("urn:taskforge:problem:script-name-taken");
        assertThat(p.get("name").asString()).isEqualTo(prefix + "taken");

        problem(
                http.post(
                        SCRIPTS, "{\"name\": \"x\", \"language\": \"sh\", \"content\": \"x\", \"maxAttempts\": \"3\"}"),
                400);
        problem(http.post(SCRIPTS, "{\"name\": "), 400);
    }

    @Test
    void lists_scripts_by_name_a_page_at_a_time() {
        List<String> names = List.of(prefix + "c", prefix + "a", prefix + "b");
        names.forEach(this::createIdle);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response r = http.get(SCRIPTS + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            JsonNode page = r.json();
            assertThat(page.get("items").size()).isLessThanOrEqualTo(2);
            page.get("items").forEach(s -> seen.add(s.get("name").asString()));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
        } while (cursor != null && ++pages < 1000);

        assertThat(seen).isSorted();
        assertThat(seen.stream().filter(n -> n.startsWith(prefix)))
                .containsExactly(prefix + "a", prefix + "b", prefix + "c");
        assertThat(errorFields(problem(http.get(SCRIPTS + "?limit=0"), 422))).containsExactly("limit");
        assertThat(errorFields(problem(http.get(SCRIPTS + "?limit=x"), 400))).containsExactly("limit");
        assertThat(errorFields(problem(http.get(SCRIPTS + "?cursor=!!!"), 400))).containsExactly("cursor");
    }

    @Test
    void an_unknown_script_answers_404_everywhere() {
        String[] refs = {"no-such-script", UUID.randomUUID().toString()};
        for (String ref : refs) {
            JsonNode p = problem(http.get(SCRIPTS + "/" + ref), 404);
            assertThat(p.get("type").asString()).isEqualTo("urn:taskforge:problem:script-not-found");
            problem(http.patch(SCRIPTS + "/" + ref, "{\"description\": \"x\"}"), 404);
            problem(http.delete(SCRIPTS + "/" + ref), 404);
            problem(http.post(SCRIPTS + "/" + ref + "/run", "{}"), 404);
            problem(http.get(SCRIPTS + "/" + ref + "/versions"), 404);
            problem(http.get(SCRIPTS + "/" + ref + "/versions/1"), 404);
        }
    }

    // ---- changing -----------------------------------------------------------------------------------

    @Test
    void patching_content_language_or_parameters_makes_a_new_version_and_other_fields_do_not() {
        JsonNode s = createIdle(prefix + "p");
        String ref = SCRIPTS + "/" + s.get("id").asString();

        JsonNode described = http.patch(ref, "{\"description\": \"now described\", \"maxAttempts\": 5}")
                .json();
        assertThat(described.get("version").asInt()).isEqualTo(1);
        assertThat(described.get("description").asString()).isEqualTo("now described");
        assertThat(described.get("maxAttempts").asInt()).isEqualTo(5);

        JsonNode v2 = http.patch(ref, json("content", "echo two\n")).json();
        assertThat(v2.get("version").asInt()).isEqualTo(2);
        assertThat(v2.get("content").asString()).isEqualTo("echo two\n");

        JsonNode v3 = http.patch(
                        ref, "{\"language\": \"sh\", \"parameters\": {\"type\": \"object\", \"required\": [\"x\"]}}")
                .json();
        assertThat(v3.get("version").asInt()).isEqualTo(3);
        assertThat(v3.get("language").asString()).isEqualTo("sh");

        JsonNode same = http.patch(ref, json("content", "echo two\n")).json();
        assertThat(same.get("version").asInt()).isEqualTo(3);

        JsonNode renamed = http.patch(ref, json("name", prefix + "renamed")).json();
        assertThat(renamed.get("version").asInt()).isEqualTo(3);
        assertThat(http.get(SCRIPTS + "/" + prefix + "renamed").json().get("id"))
                .isEqualTo(s.get("id"));
        problem(http.get(SCRIPTS + "/" + prefix + "p"), 404);
    }

    @Test
    void patch_refuses_bad_fields_and_taken_names_and_changes_nothing() {
        createIdle(prefix + "other");
        JsonNode s = createIdle(prefix + "mine");
        String ref = SCRIPTS + "/" + prefix + "mine";

        assertThat(errorFields(problem(http.patch(ref, "{\"version\": 7}"), 422)))
                .containsExactly("version");
        assertThat(errorFields(problem(http.patch(ref, "{\"content\": \" \", \"timeoutSeconds\": -1}"), 422)))
                .containsExactlyInAnyOrder("content", "timeoutSeconds");
        assertThat(errorFields(problem(http.patch(ref, "{\"parameters\": {\"type\": 1}}"), 422)))
                .containsExactly("parameters.type");
        problem(http.patch(ref, json("name", prefix + "other", "content", "echo changed")), 409);

        assertThat(http.get(ref).json()).isEqualTo(s);
    }

    @Test
    void the_history_lists_every_version_and_serves_each_one() {
        JsonNode s = createIdle(prefix + "h");
        String ref = SCRIPTS + "/" + prefix + "h";
        http.patch(ref, json("content", "echo two\n"));

        JsonNode versions = http.get(ref + "/versions").json().get("items");
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).get("version").asInt()).isEqualTo(1);
        assertThat(versions.get(1).get("version").asInt()).isEqualTo(2);
        assertThat(versions.get(1).get("language").asString()).isEqualTo("bash");
        assertThat(versions.get(0).has("content")).isFalse();

        JsonNode v1 = http.get(ref + "/versions/1").json();
        assertThat(v1.get("scriptId")).isEqualTo(s.get("id"));
        assertThat(v1.get("content").asString()).isEqualTo("echo hi\n");
        assertThat(v1.get("parameters")).isEqualTo(tree("{\"type\":\"object\"}"));
        assertThat(http.get(ref + "/versions/2").json().get("content").asString())
                .isEqualTo("echo two\n");

        assertThat(problem(http.get(ref + "/versions/3"), 404).get("type").asString())
                .isEqualTo("urn:taskforge:problem:script-version-not-found");
        assertThat(errorFields(problem(http.get(ref + "/versions/two"), 400))).containsExactly("version");
    }

    @Test
    void delete_answers_204_hides_the_script_and_frees_its_name() {
        JsonNode old = createIdle(prefix + "d");

        Response r = http.delete(SCRIPTS + "/" + prefix + "d");
        assertThat(r.status()).as(r.toString()).isEqualTo(204);

        problem(http.get(SCRIPTS + "/" + old.get("id").asString()), 404);
        problem(http.delete(SCRIPTS + "/" + prefix + "d"), 404);
        JsonNode successor = createIdle(prefix + "d");
        assertThat(successor.get("id")).isNotEqualTo(old.get("id"));
        assertThat(successor.get("version").asInt()).isEqualTo(1);
    }

    // ---- running ------------------------------------------------------------------------------------

    @Test
    void run_answers_201_with_a_task_pinned_to_the_current_version() {
        String queue = idleQueue();
        JsonNode s = create(json(
                "name",
                prefix + "r",
                "language",
                "bash",
                "content",
                "echo hi",
                "parameters",
                tree(REPORT_SCHEMA),
                "queue",
                queue,
                "timeoutSeconds",
                42,
                "maxAttempts",
                4));

        Response r = http.post(
                SCRIPTS + "/" + prefix + "r/run",
                "{\"params\": {\"month\": \"2026-10\", \"pages\": 3}, \"priority\": \"HIGH\", \"tags\": [\"reports\"]}");

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode t = r.json();
        assertThat(r.header("Location"))
                .hasValue(http.base() + "/api/v1/tasks/" + t.get("id").asString());
        assertThat(t.get("type").asString()).isEqualTo("script");
        assertThat(t.get("title").asString()).isEqualTo(prefix + "r");
        assertThat(t.get("status").asString()).isEqualTo("QUEUED");
        assertThat(t.get("queue").asString()).isEqualTo(queue);
        assertThat(t.get("priority").asString()).isEqualTo("HIGH");
        assertThat(t.get("tags")).isEqualTo(tree("[\"reports\"]"));
        assertThat(t.get("timeoutSeconds").asInt()).isEqualTo(42);
        assertThat(t.get("maxAttempts").asInt()).isEqualTo(4);
        assertThat(t.get("payload"))
                .isEqualTo(tree(json(
                        "scriptId",
                        s.get("id").asString(),
                        "script",
                        prefix + "r",
                        "version",
                        1,
                        "params",
                        Map.of("month", "2026-10", "pages", 3))));
    }

    @Test
    void run_with_bad_params_answers_422_per_field_and_creates_no_task() {
        String queue = idleQueue();
        create(json(
                "name",
                prefix + "v",
                "language",
                "bash",
                "content",
                "echo hi",
                "parameters",
                tree(REPORT_SCHEMA),
                "queue",
                queue));
        String run = SCRIPTS + "/" + prefix + "v/run";

        JsonNode p =
                problem(http.post(run, "{\"params\": {\"month\": \"October\", \"pages\": 0, \"extra\": true}}"), 422);
        assertThat(p.get("type").asString()).isEqualTo("urn:taskforge:problem:validation");
        assertThat(errorFields(p)).containsExactlyInAnyOrder("params.month", "params.pages", "params.extra");

        assertThat(errorFields(problem(http.post(run, "{\"params\": {\"pages\": 2}}"), 422)))
                .containsExactly("params.month");
        assertThat(errorFields(problem(http.post(run, "{}"), 422))).containsExactly("params.month");
        assertThat(errorFields(problem(http.post(run, "{\"params\": [1]}"), 422)))
                .containsExactly("params");
        assertThat(errorFields(
                        problem(http.post(run, "{\"params\": {\"month\": \"2026-10\"}, \"tags\": [null]}"), 422)))
                .containsExactly("tags[0]");
        assertThat(errorFields(
                        problem(http.post(run, "{\"params\": {\"month\": \"2026-10\"}, \"queue\": \"x\"}"), 422)))
                .containsExactly("queue");
        problem(http.post(run, "{\"params\": {\"month\": \"2026-10\"}, \"priority\": \"SOON\"}"), 400);

        assertThat(taskIdsInQueue(queue)).isEmpty();
    }

    @Test
    void a_repeated_run_with_the_same_idempotency_key_returns_the_first_task() {
        String queue = idleQueue();
        create(json("name", prefix + "i", "language", "sh", "content", "true", "queue", queue));
        String run = SCRIPTS + "/" + prefix + "i/run";

        Response first = http.post(run, "{}", "Idempotency-Key", "nightly-" + prefix);
        Response again = http.post(run, "{}", "Idempotency-Key", "nightly-" + prefix);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).hasValue("true");
        assertThat(again.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(taskIdsInQueue(queue)).hasSize(1);
    }

    @Test
    void a_python_script_runs_with_its_params_and_later_runs_take_the_new_version() {
        create(json(
                "name",
                prefix + "report",
                "language",
                "python",
                "content",
                REPORT_PY,
                "parameters",
                tree(REPORT_SCHEMA),
                "maxAttempts",
                1));
        String ref = SCRIPTS + "/" + prefix + "report";

        String first = http.post(ref + "/run", "{\"params\": {\"month\": \"2026-10\", \"pages\": 3}}")
                .json()
                .get("id")
                .asString();
        JsonNode done = awaitStatus(first, "SUCCEEDED", "FAILED");

        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("result")).isEqualTo(tree("{\"month\": \"2026-10\", \"pages\": 3, \"version\": 1}"));
        JsonNode logs = http.get("/api/v1/tasks/" + first + "/logs").json().get("items");
        assertThat(StreamSupport.stream(logs.spliterator(), false)
                        .filter(l -> l.get("stream").asString().equals("stdout"))
                        .map(l -> l.get("line").asString()))
                .first()
                .isEqualTo("building the report of 2026-10");

        JsonNode v2 = http.patch(ref, json("content", REPORT_PY.replace("\"version\": 1", "\"version\": 2")))
                .json();
        assertThat(v2.get("version").asInt()).isEqualTo(2);
        assertThat(task(first).get("payload").get("version").asInt()).isEqualTo(1);

        String second = http.post(ref + "/run", "{\"params\": {\"month\": \"2026-11\"}}")
                .json()
                .get("id")
                .asString();
        JsonNode later = awaitStatus(second, "SUCCEEDED", "FAILED");
        assertThat(later.get("payload").get("version").asInt()).isEqualTo(2);
        assertThat(later.get("result")).isEqualTo(tree("{\"month\": \"2026-11\", \"pages\": 10, \"version\": 2}"));
        assertThat(task(first).get("result").get("version").asInt()).isEqualTo(1);
    }

    @Test
    void a_task_made_before_its_script_was_deleted_still_runs_its_version() {
        create(json("name", prefix + "gone", "language", "sh", "content", "echo '{\"ran\": \"v1\"}'\n"));
        String id = http.post(
                        SCRIPTS + "/" + prefix + "gone/run",
                        json("runAt", Instant.now().plusSeconds(2).toString()))
                .json()
                .get("id")
                .asString();
        assertThat(task(id).get("status").asString()).isEqualTo("SCHEDULED");

        assertThat(http.delete(SCRIPTS + "/" + prefix + "gone").status()).isEqualTo(204);

        JsonNode done = awaitStatus(id, "SUCCEEDED", "FAILED");
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("result")).isEqualTo(tree("{\"ran\": \"v1\"}"));
    }

    @Test
    void a_failing_script_fails_its_task_with_the_tail_of_stderr() {
        create(json(
                "name",
                prefix + "fails",
                "language",
                "bash",
                "content",
                "echo 'no such table: sales' >&2\nexit 4\n",
                "maxAttempts",
                1));

        String id = http.post(SCRIPTS + "/" + prefix + "fails/run", "{}")
                .json()
                .get("id")
                .asString();

        JsonNode done = awaitStatus(id, "SUCCEEDED", "FAILED");
        assertThat(done.get("status").asString()).isEqualTo("FAILED");
        assertThat(done.get("error").get("message").asString())
                .contains("exited with code 4")
                .contains("no such table: sales");
    }

    @Test
    void the_openapi_document_describes_the_script_endpoints() {
        JsonNode doc = http.get("/v3/api-docs").json();
        JsonNode paths = doc.get("paths");

        assertThat(paths.has("/api/v1/scripts")).isTrue();
        assertThat(paths.get("/api/v1/scripts/{ref}/run")
                        .get("post")
                        .get("summary")
                        .asString())
                .isEqualTo("Run a script");
        assertThat(paths.get("/api/v1/scripts/{ref}/run")
                        .get("post")
                        .get("responses")
                        .has("422"))
                .isTrue();
        assertThat(paths.has("/api/v1/scripts/{ref}/versions/{version}")).isTrue();
        assertThat(doc.get("components")
                        .get("schemas")
                        .get("Script")
                        .get("properties")
                        .has("parameters"))
                .isTrue();
    }
}
