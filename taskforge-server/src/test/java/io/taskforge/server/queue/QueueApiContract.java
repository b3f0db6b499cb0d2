package io.taskforge.server.queue;

import static io.taskforge.server.testing.ProblemAssertions.errorFields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskforge.server.testing.Http;
import io.taskforge.server.testing.Http.Response;
import io.taskforge.server.testing.ProblemAssertions;
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
 * API.md's "Queues and workers" over real HTTP against the whole server (a real store, the engine
 * and its worker running). Subclasses pick the store; each runs this suite in one application
 * context.
 *
 * <p>The worker serves {@code default} and one {@code served-*} queue per test that needs tasks to
 * run; tests that only need tasks to wait use a fresh queue nobody serves.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "taskforge.worker.queues=default,served-pause,served-limit,served-rate,served-dead,served-busy",
            "taskforge.worker.concurrency=4",
            "taskforge.worker.shutdown-grace=2s",
        })
abstract class QueueApiContract {
    static final Duration WAIT = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    Http api;

    @BeforeEach
    void connect() {
        api = new Http(port);
    }

    // ---- helpers ------------------------------------------------------------------------------------

    static String idleQueue() {
        return "idle-" + UUID.randomUUID().toString().substring(0, 8);
    }

    String create(String json) {
        Response r = api.post("/api/v1/tasks", json);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    List<String> createMany(int n, String type, String queue, String payload) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(create("{\"type\": \"%s\", \"queue\": \"%s\", \"payload\": %s, \"maxAttempts\": 1}"
                    .formatted(type, queue, payload)));
        }
        return ids;
    }

    JsonNode task(String id) {
        Response r = api.get("/api/v1/tasks/" + id);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    JsonNode awaitStatus(String id, String status) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            last.set(task(id));
            assertThat(last.get().get("status").asString()).isEqualTo(status);
        });
        return last.get();
    }

    JsonNode queue(String name) {
        Response r = api.get("/api/v1/queues/" + name);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    JsonNode patch(String name, String json) {
        Response r = api.patch("/api/v1/queues/" + name, json);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        return r.json();
    }

    List<String> listedQueues() {
        Response r = api.get("/api/v1/queues");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return StreamSupport.stream(r.json().get("items").spliterator(), false)
                .map(q -> q.get("name").asString())
                .toList();
    }

    /** A problem whose errors, if {@code fields} are given, name exactly those. */
    static JsonNode problem(Response r, int status, String... fields) {
        JsonNode p = ProblemAssertions.problem(r, status);
        if (fields.length > 0) {
            assertThat(errorFields(p)).as(r.toString()).containsExactlyInAnyOrder(fields);
        }
        return p;
    }

    // ---- GET /queues ----------------------------------------------------------------------------------

    @Test
    void lists_queues_with_live_counts_settings_and_the_age_of_the_oldest_ready_task() {
        String q = idleQueue();
        create("{\"type\": \"noop\", \"queue\": \"" + q + "\", \"delaySeconds\": 3600}");
        createMany(2, "noop", q, "null");

        Response r = api.get("/api/v1/queues");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        JsonNode item = StreamSupport.stream(r.json().get("items").spliterator(), false)
                .filter(i -> i.get("name").asString().equals(q))
                .findFirst()
                .orElseThrow(() -> new AssertionError(q + " is not listed: " + r));
        assertThat(item.get("scheduled").asLong()).isEqualTo(1);
        assertThat(item.get("queued").asLong()).isEqualTo(2);
        assertThat(item.get("running").asLong()).isZero();
        assertThat(item.get("retrying").asLong()).isZero();
        assertThat(item.get("failed").asLong()).isZero();
        assertThat(item.get("paused").asBoolean()).isFalse();
        assertThat(item.get("concurrencyLimit").isNull()).isTrue();
        assertThat(item.get("ratePerSecond").isNull()).isTrue();
        assertThat(item.get("oldestQueuedAgeSeconds").isNumber()).isTrue();
        assertThat(item.get("oldestQueuedAgeSeconds").asDouble()).isBetween(0.0, 3600.0);
        List<String> names = listedQueues();
        assertThat(names).isSortedAccordingTo(String::compareTo);
    }

    @Test
    void lists_every_queue_an_active_worker_serves_even_when_it_is_empty() {
        Response workers = api.get("/api/v1/workers");
        assertThat(workers.status()).as(workers.toString()).isEqualTo(200);
        List<String> served = StreamSupport.stream(workers.json().get("items").spliterator(), false)
                .filter(w -> w.get("status").asString().equals("ACTIVE"))
                .flatMap(w -> StreamSupport.stream(w.get("queues").spliterator(), false))
                .map(JsonNode::asString)
                .toList();
        assertThat(served).isNotEmpty();

        assertThat(listedQueues()).containsAll(served);
    }

    @Test
    void a_queue_nobody_named_yet_answers_with_zero_counts_and_no_limits() {
        JsonNode q = queue("never-used-" + UUID.randomUUID().toString().substring(0, 8));

        assertThat(q.get("queued").asLong()).isZero();
        assertThat(q.get("paused").asBoolean()).isFalse();
        assertThat(q.get("concurrencyLimit").isNull()).isTrue();
        assertThat(q.get("oldestQueuedAgeSeconds").isNull()).isTrue();
    }

    // ---- PATCH /queues/{name} -------------------------------------------------------------------------

    @Test
    void patch_changes_only_the_given_settings_and_null_removes_a_limit() {
        String q = idleQueue();

        JsonNode limited = patch(q, "{\"paused\": true, \"concurrencyLimit\": 3, \"ratePerSecond\": 2.5}");
        assertThat(limited.get("name").asString()).isEqualTo(q);
        assertThat(limited.get("paused").asBoolean()).isTrue();
        assertThat(limited.get("concurrencyLimit").asInt()).isEqualTo(3);
        assertThat(limited.get("ratePerSecond").asDouble()).isEqualTo(2.5);

        JsonNode resumed = patch(q, "{\"paused\": false}");
        assertThat(resumed.get("paused").asBoolean()).isFalse();
        assertThat(resumed.get("concurrencyLimit").asInt()).isEqualTo(3);
        assertThat(resumed.get("ratePerSecond").asDouble()).isEqualTo(2.5);

        JsonNode unlimitedConcurrency = patch(q, "{\"concurrencyLimit\": null}");
        assertThat(unlimitedConcurrency.get("concurrencyLimit").isNull()).isTrue();
        assertThat(unlimitedConcurrency.get("ratePerSecond").asDouble()).isEqualTo(2.5);

        JsonNode unlimited = patch(q, "{\"ratePerSecond\": 0}");
        assertThat(unlimited.get("ratePerSecond").isNull()).isTrue();

        assertThat(listedQueues()).contains(q);
        assertThat(queue(q)).isEqualTo(unlimited);
    }

    @Test
    void an_empty_patch_changes_nothing_and_writes_nothing() {
        String q = idleQueue();

        JsonNode answer = patch(q, "{}");

        assertThat(answer.get("name").asString()).isEqualTo(q);
        assertThat(answer.get("paused").asBoolean()).isFalse();
        assertThat(listedQueues()).doesNotContain(q);
    }

    @Test
    void a_paused_queue_starts_nothing_until_it_is_resumed() throws Exception {
        String q = "served-pause";
        patch(q, "{\"paused\": true}");
        List<String> ids = createMany(3, "noop", q, "null");

        // A bounded look: the worker serves this queue and polls it several times a second.
        Thread.sleep(1_500);
        for (String id : ids) {
            assertThat(task(id).get("status").asString()).isEqualTo("QUEUED");
        }
        assertThat(queue(q).get("queued").asLong()).isEqualTo(3);

        patch(q, "{\"paused\": false}");

        for (String id : ids) {
            awaitStatus(id, "SUCCEEDED");
        }
    }

    @Test
    void a_concurrency_limit_keeps_the_running_tasks_of_a_queue_within_it() throws Exception {
        String q = "served-limit";
        patch(q, "{\"concurrencyLimit\": 1}");
        try {
            // A sleep that says when it really began and ended, as log lines the worker stamps.
            List<String> ids = createMany(4, "shell", q, "{\"command\": \"echo began; sleep 0.3; echo ended\"}");

            // Watch while they run: the queue never shows more than one running.
            long deadline = System.nanoTime() + WAIT.toNanos();
            for (JsonNode now = queue(q);
                    now.get("queued").asLong() + now.get("running").asLong() > 0;
                    now = queue(q)) {
                assertThat(now.get("running").asLong()).isLessThanOrEqualTo(1);
                assertThat(System.nanoTime()).as("tasks of %s finish", q).isLessThan(deadline);
                Thread.sleep(20);
            }
            // The logged times lie inside each task's RUNNING span (its recorded startedAt is the
            // claim's time, taken before the claim waited for the database), so they never overlap.
            List<Instant[]> runs = new ArrayList<>();
            for (String id : ids) {
                awaitStatus(id, "SUCCEEDED");
                JsonNode lines = api.get("/api/v1/tasks/" + id + "/logs").json().get("items");
                runs.add(new Instant[] {loggedAt(lines, "began"), loggedAt(lines, "ended")});
            }
            for (Instant[] a : runs) {
                long overlapping = runs.stream()
                        .filter(b -> !b[0].isAfter(a[0]) && b[1].isAfter(a[0]))
                        .count();
                assertThat(overlapping).as("tasks running at %s", a[0]).isEqualTo(1);
            }
        } finally {
            patch(q, "{\"concurrencyLimit\": null}");
        }
    }

    static Instant loggedAt(JsonNode lines, String line) {
        return StreamSupport.stream(lines.spliterator(), false)
                .filter(l -> l.get("line").asString().equals(line))
                .map(l -> Instant.parse(l.get("at").asString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no log line '" + line + "' in " + lines));
    }

    @Test
    void a_rate_limited_queue_starts_no_more_tasks_per_second_than_its_rate_and_one_burst() {
        String q = "served-rate";
        patch(q, "{\"ratePerSecond\": 4}"); // bursts of one
        try {
            List<String> ids = createMany(10, "noop", q, "null");

            List<Instant> starts = new ArrayList<>();
            for (String id : ids) {
                starts.add(Instant.parse(
                        awaitStatus(id, "SUCCEEDED").get("startedAt").asString()));
            }
            for (Instant s : starts) {
                long inWindow = starts.stream()
                        .filter(u -> !u.isBefore(s) && u.isBefore(s.plusSeconds(1)))
                        .count();
                assertThat(inWindow).as("starts within a second of %s", s).isLessThanOrEqualTo(5);
            }
        } finally {
            patch(q, "{\"ratePerSecond\": null}");
        }
    }

    // ---- POST /queues/{name}/retry-failed ------------------------------------------------------------

    @Test
    void retry_failed_puts_the_dead_letters_of_a_queue_back_and_answers_how_many() {
        String q = "served-dead";
        // No handler serves this type: each attempt fails at once, without retrying.
        List<String> ids = createMany(2, "no.such.handler", q, "null");
        for (String id : ids) {
            awaitStatus(id, "FAILED");
        }
        assertThat(queue(q).get("failed").asLong()).isEqualTo(2);

        Response r = api.post("/api/v1/queues/" + q + "/retry-failed", null);

        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        assertThat(r.json().get("retried").asInt()).isEqualTo(2);
        for (String id : ids) {
            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode t = task(id);
                assertThat(t.get("status").asString()).isEqualTo("FAILED");
                assertThat(t.get("attempt").asInt()).isEqualTo(2);
            });
            List<String> events = StreamSupport.stream(
                            api.get("/api/v1/tasks/" + id + "/events")
                                    .json()
                                    .get("items")
                                    .spliterator(),
                            false)
                    .map(e -> e.get("type").asString())
                    .toList();
            assertThat(events).contains("retried");
        }
        Response none = api.post("/api/v1/queues/" + idleQueue() + "/retry-failed", null);
        assertThat(none.status()).isEqualTo(202);
        assertThat(none.json().get("retried").asInt()).isZero();
    }

    // ---- GET /workers ---------------------------------------------------------------------------------

    @Test
    void lists_the_servers_worker_with_the_tasks_it_runs() {
        String id = create("{\"type\": \"sleep\", \"queue\": \"served-busy\", \"payload\": {\"seconds\": 60}}");
        awaitStatus(id, "RUNNING");
        try {
            Response r = api.get("/api/v1/workers");

            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            JsonNode me = StreamSupport.stream(r.json().get("items").spliterator(), false)
                    .filter(w ->
                            w.get("pid").asLong() == ProcessHandle.current().pid()
                                    && w.get("status").asString().equals("ACTIVE"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("this server's worker is not listed: " + r));
            assertThat(me.get("id").asString())
                    .isEqualTo(task(id).get("workerId").asString());
            assertThat(me.get("host").asString()).isNotBlank();
            assertThat(me.get("queues")).extracting(JsonNode::asString).contains("default", "served-busy");
            assertThat(me.get("concurrency").asInt()).isEqualTo(4);
            assertThat(me.get("busy").asInt()).isBetween(0, 4);
            assertThat(Instant.parse(me.get("startedAt").asString())).isBeforeOrEqualTo(Instant.now());
            assertThat(Instant.parse(me.get("lastHeartbeatAt").asString()))
                    .isAfterOrEqualTo(Instant.parse(me.get("startedAt").asString()));
            assertThat(me.get("runningTaskIds")).extracting(JsonNode::asString).contains(id);
        } finally {
            api.post("/api/v1/tasks/" + id + "/cancel", null);
        }
        awaitStatus(id, "CANCELLED");
    }

    // ---- bad input ------------------------------------------------------------------------------------

    @Test
    void values_of_the_wrong_json_type_answer_400_naming_the_field_and_change_nothing() {
        String q = idleQueue();

        problem(api.patch("/api/v1/queues/" + q, "{\"paused\": \"yes\"}"), 400, "paused");
        problem(api.patch("/api/v1/queues/" + q, "{\"paused\": null}"), 400, "paused");
        problem(api.patch("/api/v1/queues/" + q, "{\"concurrencyLimit\": 2.5}"), 400, "concurrencyLimit");
        problem(api.patch("/api/v1/queues/" + q, "{\"concurrencyLimit\": \"3\"}"), 400, "concurrencyLimit");
        problem(api.patch("/api/v1/queues/" + q, "{\"ratePerSecond\": \"fast\"}"), 400, "ratePerSecond");
        problem(api.patch("/api/v1/queues/" + q, "{\"ratePerSecond\": true}"), 400, "ratePerSecond");
        problem(api.patch("/api/v1/queues/" + q, "{\"paused\": true, \"status\": \"PAUSED\"}"), 400, "status");

        assertThat(listedQueues()).doesNotContain(q);
    }

    @Test
    void limits_out_of_bounds_answer_422_naming_every_field_and_change_nothing() {
        String q = idleQueue();

        problem(api.patch("/api/v1/queues/" + q, "{\"concurrencyLimit\": -1}"), 422, "concurrencyLimit");
        problem(api.patch("/api/v1/queues/" + q, "{\"concurrencyLimit\": 100001}"), 422, "concurrencyLimit");
        problem(
                api.patch("/api/v1/queues/" + q, "{\"concurrencyLimit\": 99999999999999999999}"),
                422,
                "concurrencyLimit");
        problem(api.patch("/api/v1/queues/" + q, "{\"ratePerSecond\": -0.5}"), 422, "ratePerSecond");
        problem(api.patch("/api/v1/queues/" + q, "{\"ratePerSecond\": 100000.5}"), 422, "ratePerSecond");
        problem(api.patch("/api/v1/queues/" + q, "{\"ratePerSecond\": 1e400}"), 422, "ratePerSecond");
        problem(
                api.patch("/api/v1/queues/" + q, "{\"paused\": true, \"concurrencyLimit\": -1, \"ratePerSecond\": -1}"),
                422,
                "concurrencyLimit",
                "ratePerSecond");

        assertThat(listedQueues()).doesNotContain(q);
    }

    @Test
    void a_name_that_cannot_be_a_queue_answers_422() {
        problem(api.patch("/api/v1/queues/bad%20name", "{\"paused\": true}"), 422, "name");
        problem(api.patch("/api/v1/queues/" + "q".repeat(65), "{\"paused\": true}"), 422, "name");
        problem(api.patch("/api/v1/queues/-leading-dash", "{\"paused\": true}"), 422, "name");
        problem(api.post("/api/v1/queues/bad%20name/retry-failed", null), 422, "name");
        problem(api.get("/api/v1/queues/bad%20name"), 422, "name");

        assertThat(listedQueues()).doesNotContain("bad name", "-leading-dash");
    }

    @Test
    void a_body_that_is_not_a_json_object_answers_400_and_other_media_types_415() {
        String q = idleQueue();

        problem(api.patch("/api/v1/queues/" + q, "[]"), 400);
        problem(api.patch("/api/v1/queues/" + q, "5"), 400);
        problem(api.patch("/api/v1/queues/" + q, "{\"paused\": tru"), 400);
        problem(api.send("PATCH", "/api/v1/queues/" + q, null, "application/json"), 400);
        problem(api.send("PATCH", "/api/v1/queues/" + q, "paused=true", "text/plain"), 415);
        problem(api.send("DELETE", "/api/v1/queues/" + q, null, null), 405);
        problem(api.send("POST", "/api/v1/workers", null, null), 405);

        assertThat(listedQueues()).doesNotContain(q);
    }

    // ---- OpenAPI --------------------------------------------------------------------------------------

    @Test
    void the_openapi_document_describes_the_queue_and_worker_endpoints() {
        Response r = api.get("/v3/api-docs");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode paths = r.json().get("paths");

        assertThat(paths.get("/api/v1/queues").get("get").get("summary").asString())
                .isNotBlank();
        JsonNode update = paths.get("/api/v1/queues/{name}").get("patch");
        assertThat(update.get("responses").propertyNames()).contains("200", "400", "422");
        assertThat(update.get("requestBody").toString()).contains("concurrencyLimit", "ratePerSecond", "paused");
        assertThat(paths.get("/api/v1/queues/{name}/retry-failed")
                        .get("post")
                        .get("responses")
                        .propertyNames())
                .contains("202");
        assertThat(paths.get("/api/v1/workers").get("get").get("summary").asString())
                .isNotBlank();
        JsonNode schemas = r.json().get("components").get("schemas");
        assertThat(schemas.get("Worker").get("properties").propertyNames())
                .contains(
                        "id",
                        "host",
                        "pid",
                        "queues",
                        "concurrency",
                        "busy",
                        "startedAt",
                        "lastHeartbeatAt",
                        "status",
                        "runningTaskIds");
        assertThat(schemas.get("Queue").get("properties").propertyNames())
                .contains(
                        "name",
                        "scheduled",
                        "queued",
                        "running",
                        "retrying",
                        "failed",
                        "paused",
                        "concurrencyLimit",
                        "ratePerSecond",
                        "oldestQueuedAgeSeconds");
    }
}
