package io.taskforge.server.api;

import static io.taskforge.server.testing.ProblemAssertions.problem;
import static io.taskforge.server.testing.ProblemAssertions.problemNaming;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskforge.server.testing.EventStream.SseEvent;
import io.taskforge.server.testing.Http;
import io.taskforge.server.testing.Http.Response;
import io.taskforge.server.testing.Http.SseResult;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP contract of API.md's Tasks and Tags sections, over real HTTP against the whole server (a
 * real store, the engine and its worker running). Subclasses pick the store; each runs this suite
 * once, in one application context.
 *
 * <p>The worker serves the {@code default} queue only. Tasks that must stay waiting go to a queue of
 * their own that nobody serves, which also keeps the tests from seeing each other's tasks.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "taskforge.worker.queues=default",
            "taskforge.worker.concurrency=4",
            "taskforge.worker.shutdown-grace=2s",
            "taskforge.api.log-stream-poll-interval=100ms",
        })
abstract class ApiContract {
    static final Duration WAIT = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    Http api;

    @BeforeEach
    void connect() {
        api = new Http(port);
    }

    // ---- helpers ------------------------------------------------------------------------------------

    /** A queue no worker serves: its tasks stay where the test puts them. */
    static String idleQueue() {
        return "idle-" + UUID.randomUUID().toString().substring(0, 8);
    }

    JsonNode create(String json) {
        Response r = api.post("/api/v1/tasks", json);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    String createWaiting(String queue) {
        return create("{\"type\": \"noop\", \"queue\": \"" + queue + "\"}")
                .get("id")
                .asString();
    }

    JsonNode task(String id) {
        Response r = api.get("/api/v1/tasks/" + id);
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

    List<String> ids(Response list) {
        assertThat(list.status()).as(list.toString()).isIn(200, 201);
        return StreamSupport.stream(list.json().get("items").spliterator(), false)
                .map(t -> t.get("id").asString())
                .toList();
    }

    long total() {
        Response r = api.get("/api/v1/tasks?limit=1&includeTotal=true");
        assertThat(r.status()).isEqualTo(200);
        return r.json().get("total").asLong();
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ---- create, get, run -----------------------------------------------------------------------------

    @Test
    void create_answers_201_with_location_and_the_task_as_documented() {
        String queue = idleQueue();
        Response r = api.post("/api/v1/tasks", """
                {"type": "noop", "title": "nightly export", "queue": "%s", "priority": "HIGH",
                 "tags": ["etl", "nightly"], "payload": {"command": "echo hi", "n": 12345678901234567890.5,
                 "nested": [1, {"a": null}]}, "maxAttempts": 5, "timeoutSeconds": 60}
                """.formatted(queue));

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.contentType()).startsWith("application/json");
        JsonNode t = r.json();
        String id = t.get("id").asString();
        assertThat(r.header("Location")).hasValue(api.base() + "/api/v1/tasks/" + id);
        assertThat(t.get("type").asString()).isEqualTo("noop");
        assertThat(t.get("title").asString()).isEqualTo("nightly export");
        assertThat(t.get("description").isNull()).isTrue();
        assertThat(t.get("queue").asString()).isEqualTo(queue);
        assertThat(t.get("priority").asString()).isEqualTo("HIGH");
        assertThat(t.get("status").asString()).isEqualTo("QUEUED");
        assertThat(t.get("tags")).extracting(JsonNode::asString).containsExactlyInAnyOrder("etl", "nightly");
        // The payload is embedded as JSON, every digit kept.
        assertThat(t.get("payload").isObject()).isTrue();
        assertThat(t.get("payload").get("command").asString()).isEqualTo("echo hi");
        assertThat(r.body()).contains("12345678901234567890.5");
        assertThat(t.get("payload").get("nested").get(1).get("a").isNull()).isTrue();
        assertThat(t.get("result").isNull()).isTrue();
        assertThat(t.get("error").isNull()).isTrue();
        assertThat(t.get("attempt").asInt()).isZero();
        assertThat(t.get("maxAttempts").asInt()).isEqualTo(5);
        assertThat(t.get("timeoutSeconds").asInt()).isEqualTo(60);
        assertThat(t.get("progress").isNull()).isTrue();
        for (String field : List.of("runAt", "createdAt", "updatedAt")) {
            String value = t.get(field).asString();
            assertThat(value).as(field).endsWith("Z");
            assertThat(Instant.parse(value)).as(field).isBefore(Instant.now().plusSeconds(5));
        }
        for (String field : List.of("startedAt", "finishedAt", "workerId", "uniqueKey", "pipelineRunId", "node")) {
            assertThat(t.has(field)).as(field).isTrue();
            assertThat(t.get(field).isNull()).as(field).isTrue();
        }

        assertThat(task(id)).isEqualTo(t);
    }

    @Test
    void defaults_fill_what_the_request_leaves_out() {
        JsonNode t = create("{\"type\": \"noop\", \"queue\": \"" + idleQueue() + "\"}");
        assertThat(t.get("priority").asString()).isEqualTo("NORMAL");
        assertThat(t.get("maxAttempts").asInt()).isEqualTo(3);
        assertThat(t.get("timeoutSeconds").asInt()).isEqualTo(300);
        assertThat(t.get("payload").isNull()).isTrue();
        assertThat(t.get("tags").isEmpty()).isTrue();
    }

    @Test
    void a_delayed_task_is_scheduled() {
        JsonNode t = create("{\"type\": \"noop\", \"queue\": \"" + idleQueue() + "\", \"delaySeconds\": 3600}");
        assertThat(t.get("status").asString()).isEqualTo("SCHEDULED");
        assertThat(Instant.parse(t.get("runAt").asString()))
                .isAfter(Instant.now().plusSeconds(3000));

        String at = Instant.now().plusSeconds(7200).toString();
        JsonNode u = create("{\"type\": \"noop\", \"queue\": \"" + idleQueue() + "\", \"runAt\": \"" + at + "\"}");
        assertThat(u.get("status").asString()).isEqualTo("SCHEDULED");
    }

    @Test
    void a_noop_task_runs_to_succeeded() {
        String id = create("{\"type\": \"noop\", \"payload\": {\"x\": 1}}")
                .get("id")
                .asString();
        JsonNode done = awaitStatus(id, "SUCCEEDED");
        assertThat(done.get("attempt").asInt()).isEqualTo(1);
        assertThat(done.get("startedAt").isNull()).isFalse();
        assertThat(done.get("finishedAt").isNull()).isFalse();
        assertThat(done.get("workerId").isNull()).isFalse();
    }

    @Test
    void a_shell_task_writes_its_output_to_the_log() {
        String id = create("""
                {"type": "shell", "payload": {"command": "echo hello from shell; echo warning >&2; echo done"}}
                """).get("id").asString();
        awaitStatus(id, "SUCCEEDED");

        Response logs = api.get("/api/v1/tasks/" + id + "/logs");
        assertThat(logs.status()).as(logs.toString()).isEqualTo(200);
        JsonNode items = logs.json().get("items");
        List<String> lines = StreamSupport.stream(items.spliterator(), false)
                .map(l -> l.get("line").asString())
                .toList();
        assertThat(lines).contains("hello from shell", "warning", "done");
        JsonNode first = items.get(lines.indexOf("hello from shell"));
        assertThat(first.get("stream").asString()).isEqualTo("stdout");
        assertThat(first.get("attempt").asInt()).isEqualTo(1);
        assertThat(first.get("seq").asLong()).isPositive();
        assertThat(Instant.parse(first.get("at").asString())).isNotNull();
        assertThat(items.get(lines.indexOf("warning")).get("stream").asString()).isEqualTo("stderr");
        long last = items.get(items.size() - 1).get("seq").asLong();
        assertThat(logs.json().get("nextAfter").asLong()).isEqualTo(last);

        // Paging: one line at a time, resuming after the last seq seen.
        List<String> paged = new ArrayList<>();
        long after = 0;
        for (int i = 0; i < lines.size() + 1; i++) {
            JsonNode page = api.get("/api/v1/tasks/" + id + "/logs?limit=1&after=" + after)
                    .json();
            if (page.get("items").isEmpty()) {
                break;
            }
            paged.add(page.get("items").get(0).get("line").asString());
            after = page.get("nextAfter").asLong();
        }
        assertThat(paged).isEqualTo(lines);
    }

    @Test
    void the_log_stream_sends_lines_status_changes_and_a_final_end() throws Exception {
        String id = create("""
                {"type": "shell", "payload": {"command": "echo first; sleep 1; echo second"}}
                """).get("id").asString();

        SseResult live = api.stream("/api/v1/tasks/" + id + "/logs/stream");

        assertThat(live.status()).isEqualTo(200);
        assertThat(live.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<SseEvent> logEvents = live.named("log");
        assertThat(logEvents).extracting(e -> e.json().get("line").asString()).containsSubsequence("first", "second");
        for (SseEvent e : logEvents) {
            assertThat(e.id()).isEqualTo(e.json().get("seq").asString());
        }
        List<String> statuses = live.named("status").stream()
                .map(e -> e.json().get("status").asString())
                .toList();
        assertThat(statuses).last().isEqualTo("SUCCEEDED");
        assertThat(live.named("status").getFirst().json().get("id").asString()).isEqualTo(id);
        assertThat(live.events().getLast().event()).isEqualTo("end");
        assertThat(live.events().getLast().json().get("status").asString()).isEqualTo("SUCCEEDED");

        // Resuming after the line "first" sends only what came after it.
        String firstSeq = logEvents.stream()
                .filter(e -> e.json().get("line").asString().equals("first"))
                .findFirst()
                .orElseThrow()
                .id();
        SseResult resumed = api.stream("/api/v1/tasks/" + id + "/logs/stream", "Last-Event-ID", firstSeq);
        assertThat(resumed.named("log"))
                .extracting(e -> e.json().get("line").asString())
                .doesNotContain("first")
                .contains("second");
        assertThat(resumed.events().getLast().event()).isEqualTo("end");
    }

    @Test
    void the_log_stream_of_an_unknown_task_is_404() throws Exception {
        Response r = api.get("/api/v1/tasks/" + UUID.randomUUID() + "/logs/stream", "Accept", "text/event-stream");
        assertThat(r.status()).isEqualTo(404);
        Response bad = api.get("/api/v1/tasks/" + UUID.randomUUID() + "/logs/stream?after=minus-one");
        assertThat(bad.status()).isIn(400, 404);
    }

    // ---- list -------------------------------------------------------------------------------------------

    @Test
    void list_filters_by_every_criterion_and_combines_them() {
        String queue = idleQueue();
        String a = create(
                        "{\"type\": \"noop\", \"queue\": \"%s\", \"priority\": \"HIGH\", \"tags\": [\"x\", \"y\"], \"title\": \"Quarterly Report\"}"
                                .formatted(queue))
                .get("id")
                .asString();
        String b = create(
                        "{\"type\": \"noop\", \"queue\": \"%s\", \"priority\": \"LOW\", \"tags\": [\"x\"], \"description\": \"the weekly report\"}"
                                .formatted(queue))
                .get("id")
                .asString();
        String c = create("{\"type\": \"report.export\", \"queue\": \"%s\", \"priority\": \"HIGH\", \"tags\": [\"y\"]}"
                        .formatted(queue))
                .get("id")
                .asString();
        String d = create("{\"type\": \"noop\", \"queue\": \"%s\"}".formatted(queue))
                .get("id")
                .asString();
        assertThat(api.post("/api/v1/tasks/" + d + "/cancel").status()).isEqualTo(202);

        String q = "/api/v1/tasks?queue=" + queue;
        assertThat(ids(api.get(q))).containsExactlyInAnyOrder(a, b, c, d);
        assertThat(ids(api.get(q + "&priority=HIGH"))).containsExactlyInAnyOrder(a, c);
        assertThat(ids(api.get(q + "&priority=HIGH,LOW"))).containsExactlyInAnyOrder(a, b, c);
        assertThat(ids(api.get(q + "&tag=x"))).containsExactlyInAnyOrder(a, b);
        assertThat(ids(api.get(q + "&tag=x&tag=y"))).containsExactly(a);
        assertThat(ids(api.get(q + "&type=report.export"))).containsExactly(c);
        assertThat(ids(api.get(q + "&q=report"))).containsExactlyInAnyOrder(a, b);
        assertThat(ids(api.get(q + "&status=CANCELLED"))).containsExactly(d);
        assertThat(ids(api.get(q + "&status=QUEUED,CANCELLED"))).containsExactlyInAnyOrder(a, b, c, d);
        assertThat(ids(api.get(q + "&status=QUEUED&status=CANCELLED"))).containsExactlyInAnyOrder(a, b, c, d);
        assertThat(ids(api.get(q + "&status=RUNNING"))).isEmpty();
        assertThat(ids(api.get(q + "&priority=HIGH&tag=y&type=noop"))).containsExactly(a);
        assertThat(ids(api.get("/api/v1/tasks?queue=" + idleQueue()))).isEmpty();

        Instant created = Instant.parse(task(a).get("createdAt").asString());
        assertThat(ids(api.get(q + "&createdAfter=" + created.minusSeconds(60))))
                .contains(a, b, c, d);
        assertThat(ids(api.get(q + "&createdAfter=" + created.plusSeconds(3600))))
                .isEmpty();
        assertThat(ids(api.get(q + "&createdBefore=" + created.minusSeconds(3600))))
                .isEmpty();
        assertThat(ids(api.get(q + "&createdBefore="
                        + encode(created.plusSeconds(3600)
                                .atOffset(java.time.ZoneOffset.ofHours(2))
                                .toString()))))
                .contains(a);
        assertThat(ids(api.get(q + "&pipelineRunId=" + UUID.randomUUID()))).isEmpty();
    }

    @Test
    void list_sorts_and_pages_with_a_cursor() {
        String queue = idleQueue();
        List<String> created = new ArrayList<>();
        String[] priorities = {"LOW", "URGENT", "NORMAL", "HIGH", "NORMAL"};
        for (String p : priorities) {
            created.add(create("{\"type\": \"noop\", \"queue\": \"%s\", \"priority\": \"%s\"}".formatted(queue, p))
                    .get("id")
                    .asString());
        }
        String q = "/api/v1/tasks?queue=" + queue;
        assertThat(ids(api.get(q))).containsExactlyElementsOf(created.reversed());
        assertThat(ids(api.get(q + "&sort=-createdAt"))).containsExactlyElementsOf(created.reversed());
        assertThat(ids(api.get(q + "&sort=createdAt"))).containsExactlyElementsOf(created);
        List<String> byPriority = ids(api.get(q + "&sort=-priority"));
        assertThat(byPriority.getFirst()).isEqualTo(created.get(1));
        assertThat(byPriority.get(1)).isEqualTo(created.get(3));
        assertThat(byPriority.getLast()).isEqualTo(created.get(0));
        assertThat(ids(api.get(q + "&sort=priority")).getFirst()).isEqualTo(created.get(0));
        assertThat(ids(api.get(q + "&sort=updatedAt"))).containsExactlyInAnyOrderElementsOf(created);

        // Pages of two: every task exactly once, in order, and a null cursor at the end.
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = api.get(q + "&sort=createdAt&limit=2&includeTotal=true"
                    + (cursor == null ? "" : "&cursor=" + encode(cursor)));
            seen.addAll(ids(page));
            assertThat(page.json().get("total").asLong()).isEqualTo(5);
            JsonNode next = page.json().get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asString();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(seen).containsExactlyElementsOf(created);
        assertThat(pages).isEqualTo(3);

        Response one = api.get(q + "&limit=1");
        assertThat(one.json().has("total")).isFalse();
        assertThat(one.json().get("nextCursor").isNull()).isFalse();
    }

    // ---- batch, idempotency, unique keys --------------------------------------------------------------------

    @Test
    void a_batch_is_created_in_order() {
        String queue = idleQueue();
        Response r = api.post("/api/v1/tasks/batch", """
                {"tasks": [{"type": "noop", "queue": "%1$s", "title": "one"},
                           {"type": "noop", "queue": "%1$s", "title": "two", "priority": "URGENT"},
                           {"type": "sleep", "queue": "%1$s", "title": "three", "payload": {"seconds": 0}}]}
                """.formatted(queue));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode items = r.json().get("items");
        assertThat(items).extracting(t -> t.get("title").asString()).containsExactly("one", "two", "three");
        assertThat(items.get(1).get("priority").asString()).isEqualTo("URGENT");
        assertThat(ids(api.get("/api/v1/tasks?queue=" + queue))).hasSize(3);
    }

    @Test
    void a_batch_with_one_bad_task_writes_nothing() {
        String queue = idleQueue();
        Response invalid = api.post("/api/v1/tasks/batch", """
                {"tasks": [{"type": "noop", "queue": "%1$s"}, {"type": "noop", "queue": "%1$s"},
                           {"type": "noop", "queue": "%1$s", "maxAttempts": 0}]}
                """.formatted(queue));
        problemNaming(invalid, 422, "tasks[2].maxAttempts");

        Response wrongType = api.post("/api/v1/tasks/batch", """
                {"tasks": [{"type": "noop", "queue": "%1$s"}, {"type": "noop", "queue": "%1$s", "priority": "SOON"}]}
                """.formatted(queue));
        problemNaming(wrongType, 400, "tasks[1].priority");

        String key = "batch-unique-" + UUID.randomUUID();
        String holder = create(
                        "{\"type\": \"noop\", \"queue\": \"%s\", \"uniqueKey\": \"%s\"}".formatted(idleQueue(), key))
                .get("id")
                .asString();
        Response conflict = api.post("/api/v1/tasks/batch", """
                {"tasks": [{"type": "noop", "queue": "%1$s"}, {"type": "noop", "queue": "%1$s", "uniqueKey": "%2$s"}]}
                """.formatted(queue, key));
        JsonNode p = problem(conflict, 409);
        assertThat(p.get("uniqueKey").asString()).isEqualTo(key);
        assertThat(p.get("holderTaskId").asString()).isEqualTo(holder);

        assertThat(ids(api.get("/api/v1/tasks?queue=" + queue))).isEmpty();
    }

    @Test
    void a_batch_of_more_than_1000_is_refused_whole() {
        String queue = idleQueue();
        String one = "{\"type\": \"noop\", \"queue\": \"" + queue + "\"}";
        String body =
                IntStream.range(0, 1001).mapToObj(i -> one).collect(Collectors.joining(",", "{\"tasks\": [", "]}"));
        problemNaming(api.post("/api/v1/tasks/batch", body), 422, "tasks");
        problemNaming(api.post("/api/v1/tasks/batch", "{\"tasks\": []}"), 422, "tasks");
        problemNaming(api.post("/api/v1/tasks/batch", "{}"), 422, "tasks");
        assertThat(ids(api.get("/api/v1/tasks?queue=" + queue))).isEmpty();
    }

    @Test
    void an_idempotency_key_returns_the_first_task() {
        String queue = idleQueue();
        String key = "idem-" + UUID.randomUUID();
        String body = "{\"type\": \"noop\", \"queue\": \"" + queue + "\"}";
        Response first = api.post("/api/v1/tasks", body, "Idempotency-Key", key);
        Response again = api.post("/api/v1/tasks", body, "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(again.header("Idempotent-Replayed")).hasValue("true");
        assertThat(first.header("Idempotent-Replayed")).isEmpty();
        assertThat(ids(api.get("/api/v1/tasks?queue=" + queue))).hasSize(1);

        // In a batch each task gets key#i: the whole request repeated returns the same tasks.
        String batchKey = "idem-batch-" + UUID.randomUUID();
        String batch = "{\"tasks\": [" + body + ", " + body + "]}";
        List<String> b1 = ids(api.post("/api/v1/tasks/batch", batch, "Idempotency-Key", batchKey));
        List<String> b2 = ids(api.post("/api/v1/tasks/batch", batch, "Idempotency-Key", batchKey));
        assertThat(b1).hasSize(2).doesNotHaveDuplicates().isEqualTo(b2);
        assertThat(ids(api.get("/api/v1/tasks?queue=" + queue))).hasSize(3);
    }

    @Test
    void a_held_unique_key_is_409_naming_the_holder() {
        String queue = idleQueue();
        String key = "unique-" + UUID.randomUUID();
        String body = "{\"type\": \"noop\", \"queue\": \"" + queue + "\", \"uniqueKey\": \"" + key + "\"}";
        String holder = create(body).get("id").asString();

        JsonNode p = problem(api.post("/api/v1/tasks", body), 409);
        assertThat(p.get("uniqueKey").asString()).isEqualTo(key);
        assertThat(p.get("holderTaskId").asString()).isEqualTo(holder);
        assertThat(p.get("detail").asString()).contains(key).contains(holder);
        assertThat(ids(api.get("/api/v1/tasks?queue=" + queue))).containsExactly(holder);

        // A finished holder releases the key.
        api.post("/api/v1/tasks/" + holder + "/cancel");
        assertThat(api.post("/api/v1/tasks", body).status()).isEqualTo(201);
    }

    @Test
    void concurrent_creates_sharing_commits_each_get_the_answer_they_would_get_alone() throws Exception {
        String queue = idleQueue();
        String unique = "unique-" + UUID.randomUUID();
        String idem = "idem-" + UUID.randomUUID();
        String holder = create(
                        "{\"type\": \"noop\", \"queue\": \"" + queue + "\", \"uniqueKey\": \"" + unique + "-held\"}")
                .get("id")
                .asString();
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            String body = switch (i % 4) {
                case 0 -> "{\"type\": \"noop\", \"queue\": \"" + queue + "\", \"uniqueKey\": \"" + unique + "\"}";
                case 1 -> "{\"type\": \"noop\", \"queue\": \"" + queue + "\", \"uniqueKey\": \"" + unique + "-held\"}";
                case 2 -> "{\"type\": \"noop\", \"queue\": \"" + queue + "\", \"maxAttempts\": 0}";
                default -> "{\"type\": \"noop\", \"queue\": \"" + queue + "\"}";
            };
            String[] headers = i % 8 == 3 ? new String[] {"Idempotency-Key", idem} : new String[0];
            calls.add(() -> api.post("/api/v1/tasks", body, headers));
        }
        List<Response> answers = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(calls.size())) {
            for (Future<Response> f : clients.invokeAll(calls)) {
                answers.add(f.get());
            }
        }

        List<String> created = new ArrayList<>();
        String uniqueWinner = null;
        String idemTask = null;
        int replays = 0;
        for (int i = 0; i < answers.size(); i++) {
            Response r = answers.get(i);
            switch (i % 4) {
                case 0 -> {
                    if (r.status() == 201) {
                        assertThat(uniqueWinner)
                                .as("a second winner of the unique key")
                                .isNull();
                        uniqueWinner = r.json().get("id").asString();
                        created.add(uniqueWinner);
                    } else {
                        assertThat(problem(r, 409).get("uniqueKey").asString()).isEqualTo(unique);
                    }
                }
                case 1 ->
                    assertThat(problem(r, 409).get("holderTaskId").asString()).isEqualTo(holder);
                case 2 -> problemNaming(r, 422, "maxAttempts");
                default -> {
                    assertThat(r.status()).as(r.toString()).isEqualTo(201);
                    String id = r.json().get("id").asString();
                    if (i % 8 == 3) {
                        assertThat(idemTask == null || idemTask.equals(id)).isTrue();
                        idemTask = id;
                        if (r.header("Idempotent-Replayed").isPresent()) {
                            replays++;
                        } else {
                            created.add(id);
                        }
                    } else {
                        assertThat(r.header("Idempotent-Replayed")).isEmpty();
                        created.add(id);
                    }
                }
            }
        }
        assertThat(uniqueWinner).isNotNull();
        for (int i = 0; i < answers.size(); i += 4) {
            Response r = answers.get(i);
            if (r.status() == 409) {
                assertThat(r.json().get("holderTaskId").asString()).isEqualTo(uniqueWinner);
            }
        }
        assertThat(replays).isEqualTo(5); // six requests with the key: one created, five replayed
        created.add(holder);
        assertThat(ids(api.get("/api/v1/tasks?limit=500&queue=" + queue))).containsExactlyInAnyOrderElementsOf(created);
    }

    // ---- cancel, retry, delete, events, patch ----------------------------------------------------------------

    @Test
    void cancelling_a_waiting_task_finishes_it_at_once() {
        String id = createWaiting(idleQueue());
        Response r = api.post("/api/v1/tasks/" + id + "/cancel");
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        assertThat(r.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(r.json().get("finishedAt").isNull()).isFalse();

        JsonNode p = problem(api.post("/api/v1/tasks/" + id + "/cancel"), 409);
        assertThat(p.get("currentStatus").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void cancelling_a_running_task_signals_its_worker() {
        String id = create("{\"type\": \"sleep\", \"payload\": {\"seconds\": 60}}")
                .get("id")
                .asString();
        awaitStatus(id, "RUNNING");

        Response r = api.post("/api/v1/tasks/" + id + "/cancel");
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        JsonNode answered = r.json();
        if (answered.get("status").asString().equals("RUNNING")) {
            assertThat(answered.get("cancelRequested").asBoolean()).isTrue();
        } else {
            assertThat(answered.get("status").asString()).isEqualTo("CANCELLED");
        }
        JsonNode cancelled = awaitStatus(id, "CANCELLED");
        assertThat(cancelled.get("finishedAt").isNull()).isFalse();
    }

    @Test
    void retry_queues_a_failed_task_again() {
        String id = create("""
                {"type": "shell", "maxAttempts": 1, "payload": {"command": "echo broken >&2; exit 3"}}
                """).get("id").asString();
        JsonNode failed = awaitStatus(id, "FAILED");
        assertThat(failed.get("error").isObject()).isTrue();
        assertThat(failed.get("error").get("message").asString()).contains("3");
        assertThat(failed.get("error").get("type").asString()).isNotBlank();

        Response r = api.post("/api/v1/tasks/" + id + "/retry");
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        assertThat(r.json().get("status").asString()).isIn("QUEUED", "RUNNING", "FAILED");
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(task(id).get("attempt").asInt()).isEqualTo(2));
        awaitStatus(id, "FAILED");

        // Only FAILED or CANCELLED tasks can be retried.
        String waiting = createWaiting(idleQueue());
        JsonNode p = problem(api.post("/api/v1/tasks/" + waiting + "/retry"), 409);
        assertThat(p.get("currentStatus").asString()).isEqualTo("QUEUED");
    }

    @Test
    void delete_is_soft_and_a_running_task_needs_force() {
        String id = createWaiting(idleQueue());
        assertThat(api.delete("/api/v1/tasks/" + id).status()).isEqualTo(204);
        problem(api.get("/api/v1/tasks/" + id), 404);
        problem(api.delete("/api/v1/tasks/" + id), 404);

        String running = create("{\"type\": \"sleep\", \"payload\": {\"seconds\": 60}}")
                .get("id")
                .asString();
        awaitStatus(running, "RUNNING");
        JsonNode p = problem(api.delete("/api/v1/tasks/" + running), 409);
        assertThat(p.get("currentStatus").asString()).isEqualTo("RUNNING");
        assertThat(task(running).get("status").asString()).isEqualTo("RUNNING");
        problemNaming(api.delete("/api/v1/tasks/" + running + "?force=maybe"), 400, "force");

        assertThat(api.delete("/api/v1/tasks/" + running + "?force=true").status())
                .isEqualTo(204);
        problem(api.get("/api/v1/tasks/" + running), 404);
    }

    @Test
    void events_tell_the_history() {
        String id = create("{\"type\": \"noop\"}").get("id").asString();
        awaitStatus(id, "SUCCEEDED");
        Response r = api.get("/api/v1/tasks/" + id + "/events");
        assertThat(r.status()).isEqualTo(200);
        JsonNode items = r.json().get("items");
        assertThat(items)
                .extracting(e -> e.get("type").asString())
                .containsSubsequence("created", "started", "succeeded");
        JsonNode started = StreamSupport.stream(items.spliterator(), false)
                .filter(e -> e.get("type").asString().equals("started"))
                .findFirst()
                .orElseThrow();
        assertThat(started.get("fromStatus").asString()).isEqualTo("QUEUED");
        assertThat(started.get("toStatus").asString()).isEqualTo("RUNNING");
        assertThat(started.get("attempt").asInt()).isEqualTo(1);
        assertThat(Instant.parse(started.get("at").asString())).isNotNull();
        assertThat(started.has("message")).isTrue();
        assertThat(started.has("actor")).isTrue();
    }

    @Test
    void patch_changes_descriptive_fields_only() {
        String id = createWaiting(idleQueue());
        Response r = api.patch(
                "/api/v1/tasks/" + id,
                "{\"title\": \"renamed\", \"description\": \"why\", \"priority\": \"URGENT\", \"tags\": [\"patched\"]}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("title").asString()).isEqualTo("renamed");
        assertThat(r.json().get("description").asString()).isEqualTo("why");
        assertThat(r.json().get("priority").asString()).isEqualTo("URGENT");
        assertThat(r.json().get("tags")).extracting(JsonNode::asString).containsExactly("patched");
        assertThat(api.patch("/api/v1/tasks/" + id, "{}").json().get("title").asString())
                .isEqualTo("renamed");

        problemNaming(api.patch("/api/v1/tasks/" + id, "{\"status\": \"SUCCEEDED\"}"), 422, "status");
        problemNaming(api.patch("/api/v1/tasks/" + id, "{\"title\": \"" + "t".repeat(201) + "\"}"), 422, "title");
        problemNaming(api.patch("/api/v1/tasks/" + id, "{\"priority\": \"SOON\"}"), 400, "priority");
        problemNaming(api.patch("/api/v1/tasks/" + id, "{\"tags\": [null]}"), 422, "tags[0]");
        assertThat(task(id).get("title").asString()).isEqualTo("renamed");
        assertThat(task(id).get("status").asString()).isEqualTo("QUEUED");
        problem(api.patch("/api/v1/tasks/" + UUID.randomUUID(), "{\"title\": \"x\"}"), 404);
    }

    // ---- tags ------------------------------------------------------------------------------------------------

    @Test
    void tags_can_be_created_listed_changed_and_deleted() {
        String name = "team/etl " + UUID.randomUUID().toString().substring(0, 6);
        Response created = api.post("/api/v1/tags", "{\"name\": \"" + name + "\", \"color\": \"#1e88e5\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("name").asString()).isEqualTo(name);
        assertThat(created.json().get("color").asString()).isEqualTo("#1e88e5");
        assertThat(created.json().get("taskCount").asLong()).isZero();
        assertThat(created.header("Location"))
                .hasValue(api.base() + "/api/v1/tags/" + encode(name).replace("%2F", "%2F"));

        problem(api.post("/api/v1/tags", "{\"name\": \"" + name + "\"}"), 409);
        problemNaming(api.post("/api/v1/tags", "{\"name\": \"x\", \"color\": \"blue\"}"), 422, "color");
        problemNaming(api.post("/api/v1/tags", "{\"color\": \"#000000\"}"), 422, "name");

        String queue = idleQueue();
        String id = create("{\"type\": \"noop\", \"queue\": \"%s\", \"tags\": [\"%s\"]}".formatted(queue, name))
                .get("id")
                .asString();
        JsonNode listed = tag(name);
        assertThat(listed.get("taskCount").asLong()).isEqualTo(1);
        assertThat(ids(api.get("/api/v1/tasks?tag=" + encode(name)))).containsExactly(id);

        Response changed = api.patch("/api/v1/tags/" + encode(name), "{\"color\": \"#ff0000\"}");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().get("color").asString()).isEqualTo("#ff0000");
        assertThat(tag(name).get("color").asString()).isEqualTo("#ff0000");
        problemNaming(api.patch("/api/v1/tags/" + encode(name), "{\"color\": \"red\"}"), 422, "color");

        assertThat(api.delete("/api/v1/tags/" + encode(name)).status()).isEqualTo(204);
        assertThat(task(id).get("tags")).isEmpty();
        assertThat(tag(name)).isNull();
        problem(api.delete("/api/v1/tags/" + encode(name)), 404);
        problem(api.patch("/api/v1/tags/" + encode(name), "{\"color\": \"#ff0000\"}"), 404);
    }

    @Test
    void tags_of_new_tasks_are_created_and_counted() {
        String name = "auto-" + UUID.randomUUID().toString().substring(0, 8);
        create("{\"type\": \"noop\", \"queue\": \"%s\", \"tags\": [\"%s\"]}".formatted(idleQueue(), name));
        create("{\"type\": \"noop\", \"queue\": \"%s\", \"tags\": [\"%s\"]}".formatted(idleQueue(), name));
        assertThat(tag(name).get("taskCount").asLong()).isEqualTo(2);
    }

    private JsonNode tag(String name) {
        Response r = api.get("/api/v1/tags");
        assertThat(r.status()).isEqualTo(200);
        for (JsonNode t : r.json().get("items")) {
            if (t.get("name").asString().equals(name)) {
                return t;
            }
        }
        return null;
    }

    // ---- bad input -------------------------------------------------------------------------------------------

    @Test
    void malformed_json_is_400() {
        long before = total();
        problem(api.post("/api/v1/tasks", "{\"type\": \"noop\", "), 400);
        problem(api.post("/api/v1/tasks", "{\"type\": noop}"), 400);
        problem(api.post("/api/v1/tasks", "{\"type\": \"noop\"} trailing"), 400);
        problem(api.post("/api/v1/tasks", "[1, 2]"), 400);
        problem(api.post("/api/v1/tasks", ""), 400);
        problem(api.post("/api/v1/tasks/batch", "{\"tasks\": [{\"type\": \"noop\"},"), 400);
        problem(api.post("/api/v1/tags", "{\"name\": "), 400);
        assertThat(total()).as("nothing written").isEqualTo(before);
    }

    @Test
    void wrong_json_types_are_400_naming_the_field() {
        long before = total();
        problemNaming(
                api.post("/api/v1/tasks", "{\"type\": \"noop\", \"maxAttempts\": \"three\"}"), 400, "maxAttempts");
        problemNaming(api.post("/api/v1/tasks", "{\"type\": \"noop\", \"maxAttempts\": \"3\"}"), 400, "maxAttempts");
        problemNaming(api.post("/api/v1/tasks", "{\"type\": \"noop\", \"maxAttempts\": 2.5}"), 400, "maxAttempts");
        problemNaming(api.post("/api/v1/tasks", "{\"type\": \"noop\", \"priority\": 2}"), 400, "priority");
        problemNaming(api.post("/api/v1/tasks", "{\"type\": 12}"), 400, "type");
        problemNaming(api.post("/api/v1/tasks", "{\"type\": \"noop\", \"tags\": \"etl\"}"), 400, "tags");
        problemNaming(api.post("/api/v1/tasks", "{\"type\": \"noop\", \"runAt\": \"tomorrow\"}"), 400, "runAt");
        problemNaming(
                api.post("/api/v1/tasks", "{\"type\": \"noop\", \"timeoutSeconds\": true}"), 400, "timeoutSeconds");
        assertThat(total()).as("nothing written").isEqualTo(before);
    }

    @Test
    void unknown_status_priority_or_sort_is_400() {
        long before = total();
        problemNaming(api.post("/api/v1/tasks", "{\"type\": \"noop\", \"priority\": \"SUPER\"}"), 400, "priority");
        JsonNode p = problemNaming(api.get("/api/v1/tasks?status=DONE"), 400, "status");
        assertThat(p.get("errors").get(0).get("message").asString()).contains("QUEUED");
        problemNaming(api.get("/api/v1/tasks?priority=SUPER"), 400, "priority");
        problemNaming(api.get("/api/v1/tasks?sort=name"), 400, "sort");
        problemNaming(api.get("/api/v1/tasks?includeTotal=yes-please"), 400, "includeTotal");
        problemNaming(api.get("/api/v1/tasks?createdAfter=yesterday"), 400, "createdAfter");
        problemNaming(api.get("/api/v1/tasks?cursor=not-a-cursor"), 400, "cursor");
        assertThat(total()).as("nothing written").isEqualTo(before);
    }

    @Test
    void values_out_of_bounds_are_422_naming_each_field() {
        long before = total();
        JsonNode p = problem(
                api.post(
                        "/api/v1/tasks",
                        "{\"type\": \"noop\", \"title\": \"%s\", \"maxAttempts\": 0, \"timeoutSeconds\": -1, \"queue\": \"no spaces\"}"
                                .formatted("t".repeat(201))),
                422);
        Set<String> fields = new HashSet<>();
        p.get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).contains("title", "maxAttempts", "timeoutSeconds", "queue");
        problemNaming(api.post("/api/v1/tasks", "{\"title\": \"no type\"}"), 422, "type");
        problemNaming(api.post("/api/v1/tasks", "{\"type\": \"noop\", \"tags\": [null]}"), 422, "tags[0]");
        problemNaming(
                api.post(
                        "/api/v1/tasks",
                        "{\"type\": \"noop\", \"delaySeconds\": 5, \"runAt\": \"2030-01-01T00:00:00Z\"}"),
                422,
                "runAt");
        assertThat(total()).as("nothing written").isEqualTo(before);
    }

    @Test
    void limit_out_of_range_is_refused() {
        long before = total();
        problemNaming(api.get("/api/v1/tasks?limit=0"), 422, "limit");
        problemNaming(api.get("/api/v1/tasks?limit=501"), 422, "limit");
        problemNaming(api.get("/api/v1/tasks?limit=ten"), 400, "limit");
        assertThat(api.get("/api/v1/tasks?limit=500").status()).isEqualTo(200);
        String id = createWaiting(idleQueue());
        problemNaming(api.get("/api/v1/tasks/" + id + "/logs?limit=0"), 422, "limit");
        problemNaming(api.get("/api/v1/tasks/" + id + "/logs?after=-1"), 422, "after");
        problemNaming(api.get("/api/v1/tasks/" + id + "/logs?after=x"), 400, "after");
        assertThat(total()).as("nothing written").isEqualTo(before + 1);
    }

    @Test
    void a_payload_over_1_mib_is_413() {
        long before = total();
        String big = "x".repeat((1 << 20) + 10);
        JsonNode p = problem(
                api.post("/api/v1/tasks", "{\"type\": \"noop\", \"payload\": {\"data\": \"" + big + "\"}}"), 413);
        assertThat(p.get("errors").get(0).get("field").asString()).isEqualTo("payload");
        problem(
                api.post(
                        "/api/v1/tasks/batch",
                        "{\"tasks\": [{\"type\": \"noop\"}, {\"type\": \"noop\", \"payload\": \"" + big + "\"}]}"),
                413);
        assertThat(total()).as("nothing written").isEqualTo(before);
    }

    @Test
    void a_request_body_over_the_server_limit_is_413() {
        long before = total();
        String huge = "x".repeat(3 << 20);
        problem(api.post("/api/v1/tasks", "{\"type\": \"noop\", \"payload\": \"" + huge + "\"}"), 413);
        assertThat(total()).as("nothing written").isEqualTo(before);
    }

    @Test
    void unknown_ids_are_404() {
        long before = total();
        for (String id : List.of(UUID.randomUUID().toString(), "not-a-uuid", "1", "%20")) {
            problem(api.get("/api/v1/tasks/" + id), 404);
            problem(api.patch("/api/v1/tasks/" + id, "{\"title\": \"x\"}"), 404);
            problem(api.delete("/api/v1/tasks/" + id), 404);
            problem(api.post("/api/v1/tasks/" + id + "/cancel"), 404);
            problem(api.post("/api/v1/tasks/" + id + "/retry"), 404);
            problem(api.get("/api/v1/tasks/" + id + "/events"), 404);
            problem(api.get("/api/v1/tasks/" + id + "/logs"), 404);
        }
        problem(api.patch("/api/v1/tags/no-such-tag-" + UUID.randomUUID(), "{\"color\": \"#000000\"}"), 404);
        assertThat(total()).as("nothing written").isEqualTo(before);
    }

    @Test
    void http_mistakes_are_problems_too() {
        long before = total();
        problem(api.get("/api/v1/no-such-thing"), 404);
        problem(api.get("/api/v2/tasks"), 404);
        problem(api.send("PUT", "/api/v1/tasks/" + UUID.randomUUID(), "{}", "application/json"), 405);
        problem(api.send("DELETE", "/api/v1/tasks", null, null), 405);
        problem(api.send("POST", "/api/v1/tasks", "type=noop", "text/plain"), 415);
        problem(api.send("POST", "/api/v1/tasks", "{\"type\": \"noop\"}", null), 415);
        assertThat(total()).as("nothing written").isEqualTo(before);
    }

    // ---- operations -------------------------------------------------------------------------------------------

    @Test
    void health_reports_the_database() {
        Response health = api.get("/actuator/health");
        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
        assertThat(health.json().get("components").get("db").get("status").asString())
                .isEqualTo("UP");
        assertThat(api.get("/actuator/health/liveness").json().get("status").asString())
                .isEqualTo("UP");
        Response readiness = api.get("/actuator/health/readiness");
        assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
        assertThat(readiness.body()).contains("db");
    }

    @Test
    void the_open_api_document_and_swagger_ui_are_served() {
        Response docs = api.get("/v3/api-docs");
        assertThat(docs.status()).as(docs.toString()).isEqualTo(200);
        JsonNode paths = docs.json().get("paths");
        assertThat(paths.has("/api/v1/tasks")).isTrue();
        assertThat(paths.has("/api/v1/tasks/batch")).isTrue();
        assertThat(paths.has("/api/v1/tasks/{id}/logs/stream")).isTrue();
        assertThat(paths.has("/api/v1/tags/{name}")).isTrue();
        Response ui = api.get("/swagger-ui.html");
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).containsIgnoringCase("swagger");
    }
}
