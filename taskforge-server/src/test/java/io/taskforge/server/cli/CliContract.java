package io.taskforge.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskforge.server.cli.Cli.Result;
import io.taskforge.server.testing.TestData;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The command line's client commands against a whole server over real HTTP (a real store, the engine
 * and its worker running), each command run as the jar's main runs it, with its output captured.
 * Subclasses pick the store.
 *
 * <p>The worker serves the {@code default} queue, and {@code cli-failing} for the dead-letter replay
 * test; tasks that must stay waiting go to a queue of their own. Log streams close after two seconds without their {@code end} event, so every
 * {@code --wait} and {@code logs -f} here has to resume a stream to see the task to its end.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "taskforge.worker.queues=default,cli-failing",
            "taskforge.worker.concurrency=4",
            "taskforge.worker.shutdown-grace=2s",
            "taskforge.api.log-stream-poll-interval=100ms",
            "taskforge.api.log-stream-max-duration=2s",
        })
abstract class CliContract {
    static final Duration WAIT = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    String server() {
        return "http://127.0.0.1:" + port;
    }

    Result cli(String... args) {
        return Cli.against(server(), args);
    }

    Result ok(String... args) {
        Result r = cli(args);
        assertThat(r.code()).as(r.toString()).isZero();
        return r;
    }

    static String idleQueue() {
        return "idle-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A noop task in a queue nobody serves: it stays QUEUED. */
    String waitingTask(String queue, String... more) {
        List<String> args = new ArrayList<>(List.of("submit", "noop", "--queue", queue, "--json"));
        args.addAll(List.of(more));
        return ok(args.toArray(String[]::new)).json().get("id").asString();
    }

    JsonNode task(String id) {
        return ok("tasks", "get", id, "--json").json();
    }

    JsonNode awaitStatus(String id, String... statuses) {
        return await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> task(id),
                        t -> List.of(statuses).contains(t.get("status").asString()));
    }

    static void assertOneLineError(Result r, int code) {
        assertThat(r.code()).as(r.toString()).isEqualTo(code);
        assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
        assertThat(r.err()).startsWith("taskforge").doesNotContain("Exception").doesNotContain("\tat ");
    }

    // ---- submit ---------------------------------------------------------------------------------------

    @Test
    void submit_prints_the_task_it_created() {
        String queue = idleQueue();
        Result r = ok("submit", "noop", "--queue", queue, "--title", "nightly export", "--payload", "{\"n\": 1}");

        assertThat(r.out()).contains("nightly export", queue, "QUEUED", "{\"n\":1}");
        String id = r.lines().getFirst().replaceFirst("^id\\s+", "");
        assertThat(task(id).get("title").asString()).isEqualTo("nightly export");
    }

    @Test
    void submit_sends_every_option_as_its_field() {
        String queue = idleQueue();
        Instant before = Instant.now();
        JsonNode t = ok(
                        "submit",
                        "noop",
                        "--queue",
                        queue,
                        "--title",
                        "all options",
                        "--description",
                        "every field",
                        "--priority",
                        "high",
                        "--tag",
                        "etl",
                        "--tag",
                        "team/data",
                        "--delay",
                        "1h",
                        "--max-attempts",
                        "5",
                        "--timeout",
                        "1m30s",
                        "--unique-key",
                        "key-" + queue,
                        "--json")
                .json();

        assertThat(t.get("status").asString()).isEqualTo("SCHEDULED");
        assertThat(t.get("priority").asString()).isEqualTo("HIGH");
        assertThat(t.get("description").asString()).isEqualTo("every field");
        assertThat(t.get("tags").values()).extracting(JsonNode::asString).containsExactly("etl", "team/data");
        assertThat(t.get("maxAttempts").asInt()).isEqualTo(5);
        assertThat(t.get("timeoutSeconds").asInt()).isEqualTo(90);
        assertThat(t.get("uniqueKey").asString()).isEqualTo("key-" + queue);
        assertThat(Instant.parse(t.get("runAt").asString())).isAfter(before.plus(Duration.ofMinutes(59)));

        Instant at = Instant.parse("2030-01-02T03:04:05Z");
        JsonNode later = ok("submit", "noop", "--queue", queue, "--run-at", at.toString(), "--json")
                .json();
        assertThat(Instant.parse(later.get("runAt").asString())).isEqualTo(at);
    }

    @Test
    void submit_reads_the_payload_from_a_file_or_standard_input() throws Exception {
        String queue = idleQueue();
        Path file = TestData.file("payload-", ".json");
        Files.writeString(file, "{\"from\": \"file\"}");
        JsonNode fromFile = ok("submit", "noop", "--queue", queue, "--payload", "@" + file, "--json")
                .json();
        assertThat(fromFile.get("payload").get("from").asString()).isEqualTo("file");

        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream("{\"from\": \"stdin\"}".getBytes(StandardCharsets.UTF_8)));
            JsonNode fromStdin = ok("submit", "noop", "--queue", queue, "--payload", "-", "--json")
                    .json();
            assertThat(fromStdin.get("payload").get("from").asString()).isEqualTo("stdin");
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void submit_wait_prints_the_log_and_exits_0_when_the_task_succeeds() {
        Result r = cli(
                "submit",
                "shell",
                "--payload",
                "{\"command\": \"echo first; sleep 0.5; echo second\"}",
                "--title",
                "waited for",
                "--wait");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.lines()).containsSubsequence("first", "second");
        assertThat(r.err()).contains("submitted", "SUCCEEDED");
    }

    @Test
    void submit_wait_exits_1_when_the_task_fails() {
        Result r = cli(
                "submit",
                "shell",
                "--payload",
                "{\"command\": \"echo about to fail >&2; exit 3\"}",
                "--max-attempts",
                "1",
                "--wait");

        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("about to fail");
        assertThat(r.err()).contains("FAILED", "exited with code 3");
    }

    @Test
    void submit_wait_with_json_prints_only_the_final_task_on_stdout() {
        Result r = cli("submit", "shell", "--payload", "{\"command\": \"echo to stderr instead\"}", "--wait", "--json");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.json().get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(r.err()).contains("to stderr instead");
    }

    @Test
    void submit_wait_exits_5_when_the_task_is_cancelled_while_waited_for() throws Exception {
        String queue = idleQueue();
        String key = "cancel-" + queue;
        CompletableFuture<Result> waiting = CompletableFuture.supplyAsync(
                () -> cli("submit", "noop", "--queue", queue, "--idempotency-key", key, "--wait"));
        // The same idempotency key finds the task the waiting command created.
        String id = await().atMost(WAIT)
                .until(
                        () -> cli("submit", "noop", "--queue", queue, "--idempotency-key", key, "--json"),
                        r -> r.code() == 0)
                .json()
                .get("id")
                .asString();
        ok("tasks", "cancel", id);

        Result r = waiting.get(60, TimeUnit.SECONDS);
        assertThat(r.code()).as(r.toString()).isEqualTo(5);
        assertThat(r.err()).contains("CANCELLED");
    }

    @Test
    void submit_wait_timeout_exits_6_and_leaves_the_task_waiting() {
        String queue = idleQueue();
        Result r = cli("submit", "noop", "--queue", queue, "--wait-timeout", "1s");

        assertThat(r.code()).as(r.toString()).isEqualTo(6);
        assertThat(r.err()).contains("stopped waiting after 1s", "QUEUED", "taskforge logs -f");
    }

    @Test
    void an_idempotency_key_returns_the_first_task_again() {
        String queue = idleQueue();
        String first = waitingTask(queue, "--idempotency-key", "once-" + queue);
        String second = waitingTask(queue, "--idempotency-key", "once-" + queue);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void a_unique_key_held_by_a_waiting_task_is_refused_with_exit_4_and_the_problem() {
        String queue = idleQueue();
        waitingTask(queue, "--unique-key", "only-" + queue);

        Result r = cli("submit", "noop", "--queue", queue, "--unique-key", "only-" + queue);

        assertThat(r.code()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("HTTP 409").doesNotContain("Exception");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "submit noop --payload {bad",
                "submit noop --payload {\"a\":1}x",
                "submit noop --payload @target/no/such/file.json",
                "submit noop --priority whenever",
                "submit noop --delay soon",
                "submit noop --timeout 0s",
                "submit noop --run-at yesterday",
                "submit noop --delay 1m --run-at 2030-01-01T00:00:00Z",
                "submit",
                "tasks list --created-after never",
                "logs 0192 --after -1",
                "queues limit default",
                "queues limit default --concurrency lots",
                "queues limit default --rate -1",
                "scripts add target/no/such/script.sh",
                "tasks",
                "tags",
                "queues",
                "scripts",
                "workers"
            })
    void bad_input_exits_2_with_one_line_and_sends_nothing(String line) {
        assertOneLineError(cli(line.split(" ")), 2);
    }

    @Test
    void a_server_url_that_is_not_http_exits_2() {
        assertOneLineError(Cli.run("tasks", "list", "--server", "ftp://example"), 2);
        assertOneLineError(Cli.run("tasks", "list", "--server", "localhost:8080"), 2);
    }

    @Test
    void bad_values_the_server_refuses_exit_4_with_its_field_errors() {
        Result r = cli("submit", "noop", "--queue", "no/slashes", "--max-attempts", "0");

        assertThat(r.code()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("HTTP 422", "queue", "maxAttempts");
    }

    // ---- tasks ----------------------------------------------------------------------------------------

    @Test
    void tasks_list_prints_an_aligned_table_and_filters() {
        String queue = idleQueue();
        String a = waitingTask(queue, "--title", "alpha report", "--tag", "monthly");
        String b = waitingTask(queue, "--title", "beta report");
        String c = waitingTask(queue, "--title", "gamma", "--tag", "monthly");

        Result all = ok("tasks", "list", "--queue", queue);
        assertThat(all.lines().getFirst())
                .matches("ID\\s+STATUS\\s+TYPE\\s+QUEUE\\s+PRIORITY\\s+ATTEMPT\\s+CREATED\\s+TITLE");
        assertThat(all.lines()).hasSize(4);
        int titleColumn = all.lines().getFirst().indexOf("TITLE");
        assertThat(all.lines().subList(1, 4))
                .allSatisfy(line -> assertThat(line.substring(titleColumn)).doesNotStartWith(" "))
                .allSatisfy(line -> assertThat(line).containsPattern("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"));
        // Newest first.
        assertThat(all.lines().get(1)).startsWith(c);
        assertThat(all.lines().get(3)).startsWith(a);

        assertThat(ids(ok("tasks", "list", "--queue", queue, "--tag", "monthly", "--json")))
                .containsExactlyInAnyOrder(a, c);
        assertThat(ids(ok("tasks", "list", "--queue", queue, "--q", "report", "--json")))
                .containsExactlyInAnyOrder(a, b);
        assertThat(ids(ok("tasks", "list", "--queue", queue, "--status", "QUEUED,RUNNING", "--type", "noop", "--json")))
                .containsExactlyInAnyOrder(a, b, c);
        assertThat(ids(ok("tasks", "list", "--queue", queue, "--status", "FAILED", "--json")))
                .isEmpty();
        assertThat(ids(ok("tasks", "list", "--queue", queue, "--sort", "createdAt", "--json")))
                .containsExactly(a, b, c);
    }

    @Test
    void tasks_list_pages_with_a_cursor_and_all_follows_every_page() {
        String queue = idleQueue();
        List<String> created =
                IntStream.range(0, 5).mapToObj(i -> waitingTask(queue)).toList();

        Result page = ok("tasks", "list", "--queue", queue, "--limit", "2");
        assertThat(page.lines()).hasSize(3);
        assertThat(page.err()).contains("--cursor", "--all");

        Result every = ok("tasks", "list", "--queue", queue, "--limit", "2", "--all", "--json");
        assertThat(ids(every)).containsExactlyInAnyOrderElementsOf(created);
        assertThat(every.json().get("nextCursor").isNull()).isTrue();

        String cursor = page.err().replaceAll("(?s).*--cursor (\\S+).*", "$1").strip();
        assertThat(ids(ok("tasks", "list", "--queue", queue, "--limit", "2", "--cursor", cursor, "--json")))
                .hasSize(2)
                .doesNotContainAnyElementsOf(ids(ok("tasks", "list", "--queue", queue, "--limit", "2", "--json")));
    }

    @Test
    void tasks_list_says_so_when_nothing_matches() {
        Result r = ok("tasks", "list", "--queue", idleQueue());
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("no tasks");
    }

    @Test
    void tasks_get_shows_every_field_that_has_a_value() {
        String queue = idleQueue();
        String id = waitingTask(queue, "--title", "inspect me", "--tag", "x", "--payload", "{\"k\": [1, 2]}");

        Result r = ok("tasks", "get", id);

        assertThat(r.out())
                .contains("id", id, "title", "inspect me", "status", "QUEUED", "tags", "x", "payload", "{\"k\":[1,2]}")
                .doesNotContain("finished");
        assertThat(task(id).get("id").asString()).isEqualTo(id);
    }

    @Test
    void a_waiting_task_is_cancelled_retried_and_deleted() {
        String id = waitingTask(idleQueue());

        assertThat(ok("tasks", "cancel", id).out()).contains(id, "CANCELLED");
        assertThat(task(id).get("status").asString()).isEqualTo("CANCELLED");

        assertThat(ok("tasks", "retry", id).out()).contains(id, "QUEUED");
        assertThat(task(id).get("status").asString()).isEqualTo("QUEUED");

        assertThat(ok("tasks", "delete", id).out()).contains(id, "deleted");
        assertThat(cli("tasks", "get", id).code()).isEqualTo(4);
    }

    @Test
    void cancelling_a_finished_task_is_refused_with_exit_4() {
        String id = waitingTask(idleQueue());
        ok("tasks", "cancel", id);

        Result r = cli("tasks", "cancel", id);

        assertThat(r.code()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("HTTP 409", "CANCELLED");
    }

    @Test
    void a_running_task_is_deleted_only_with_force() {
        String id = ok("submit", "sleep", "--payload", "{\"seconds\": 30}", "--json")
                .json()
                .get("id")
                .asString();
        awaitStatus(id, "RUNNING");

        Result refused = cli("tasks", "delete", id);
        assertThat(refused.code()).as(refused.toString()).isEqualTo(4);
        assertThat(refused.err()).contains("HTTP 409");

        ok("tasks", "delete", id, "--force");
        assertThat(cli("tasks", "get", id).code()).isEqualTo(4);
    }

    @Test
    void a_running_task_told_to_stop_says_so() {
        String id = ok("submit", "sleep", "--payload", "{\"seconds\": 30}", "--json")
                .json()
                .get("id")
                .asString();
        awaitStatus(id, "RUNNING");

        Result r = ok("tasks", "cancel", id);

        assertThat(r.out()).contains(id).containsAnyOf("told to stop", "CANCELLED");
        awaitStatus(id, "CANCELLED");
    }

    @Test
    void tasks_events_lists_the_history() {
        String id = waitingTask(idleQueue());
        ok("tasks", "cancel", id);

        Result r = ok("tasks", "events", id);

        assertThat(r.lines().getFirst()).startsWith("AT").contains("EVENT", "FROM", "TO", "ATTEMPT", "ACTOR");
        assertThat(r.out()).contains("created", "QUEUED", "CANCELLED");
        assertThat(ok("tasks", "events", id, "--json").json().get("items").size())
                .isGreaterThanOrEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tasks get", "tasks cancel", "tasks retry", "tasks delete", "tasks events", "logs"})
    void an_unknown_task_id_exits_4_with_the_servers_problem(String command) {
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.add(UUID.randomUUID().toString());

        Result r = cli(args.toArray(String[]::new));

        assertThat(r.code()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).startsWith("taskforge: ").contains("HTTP 404").doesNotContain("Exception");
    }

    @Test
    void an_unreachable_server_exits_3_with_one_line_that_names_it() throws Exception {
        int port;
        try (var s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String nowhere = "http://127.0.0.1:" + port;

        for (String[] command : List.of(
                new String[] {"tasks", "list"},
                new String[] {"submit", "noop"},
                new String[] {"logs", "x", "-f"},
                new String[] {"queues", "list"})) {
            List<String> args = new ArrayList<>(List.of(command));
            args.addAll(List.of("--server", nowhere));
            Result r = Cli.run(args.toArray(String[]::new));
            assertOneLineError(r, 3);
            assertThat(r.err())
                    .isEqualTo("taskforge: cannot reach the server at " + nowhere
                            + ": connection refused — is 'taskforge server' running?\n");
        }
    }

    // ---- logs ------------------------------------------------------------------------------------------

    @Test
    void logs_prints_every_line_in_order_and_json_one_object_per_line() {
        String id = ok(
                        "submit",
                        "shell",
                        "--payload",
                        "{\"command\": \"for i in $(seq 1 700); do echo line $i; done; echo oops >&2\"}",
                        "--wait",
                        "--json")
                .json()
                .get("id")
                .asString();

        List<String> lines = ok("logs", id).lines();
        assertThat(lines.stream().filter(l -> l.startsWith("line ")).toList())
                .isEqualTo(
                        IntStream.rangeClosed(1, 700).mapToObj(i -> "line " + i).toList());
        assertThat(lines).contains("oops");

        List<JsonNode> json = ok("logs", id, "--json").lines().stream()
                .map(Cli.JSON::readTree)
                .toList();
        assertThat(json)
                .allSatisfy(l -> assertThat(l.has("seq") && l.has("stream") && l.has("line"))
                        .isTrue());
        assertThat(json).anySatisfy(l -> assertThat(l.get("stream").asString()).isEqualTo("stderr"));

        long afterSeq = json.get(5).get("seq").asLong();
        assertThat(ok("logs", id, "--after", Long.toString(afterSeq)).lines()).hasSize(json.size() - 6);
    }

    @Test
    void logs_follow_prints_each_line_once_across_stream_reconnects() {
        // About five seconds of output while the server cuts every stream after two.
        String id = ok(
                        "submit",
                        "shell",
                        "--payload",
                        "{\"command\": \"for i in $(seq 1 12); do echo tick $i; sleep 0.4; done\"}",
                        "--json")
                .json()
                .get("id")
                .asString();

        Result r = ok("logs", id, "-f");

        assertThat(r.lines().stream().filter(l -> l.startsWith("tick ")).toList())
                .isEqualTo(
                        IntStream.rangeClosed(1, 12).mapToObj(i -> "tick " + i).toList());
        assertThat(r.err()).contains("SUCCEEDED");
    }

    // ---- tags ------------------------------------------------------------------------------------------

    @Test
    void tags_are_added_listed_and_deleted_even_with_slashes_and_spaces() {
        String name = "team/" + UUID.randomUUID().toString().substring(0, 6) + " data";
        assertThat(ok("tags", "add", name, "--color", "#3b82f6").out()).contains(name, "#3b82f6");
        waitingTask(idleQueue(), "--tag", name);

        Result list = ok("tags", "list");
        assertThat(list.lines().getFirst()).matches("NAME\\s+COLOR\\s+TASKS");
        assertThat(list.lines())
                .anySatisfy(
                        l -> assertThat(l).startsWith(name).contains("#3b82f6").endsWith("1"));

        ok("tags", "delete", name);
        JsonNode after = ok("tags", "list", "--json").json();
        assertThat(after.get("items").values())
                .extracting(t -> t.get("name").asString())
                .doesNotContain(name);
        assertThat(cli("tags", "delete", name).code()).isEqualTo(4);
        assertThat(cli("tags", "add", "bad colour", "--color", "blue").code()).isEqualTo(4);
    }

    // ---- queues and workers -----------------------------------------------------------------------------

    @Test
    void queues_list_shows_live_counts_and_settings() {
        String queue = idleQueue();
        waitingTask(queue);
        waitingTask(queue);

        Result r = ok("queues", "list");

        assertThat(r.lines().getFirst())
                .matches("NAME\\s+SCHEDULED\\s+QUEUED\\s+RUNNING\\s+RETRYING\\s+FAILED\\s+OLDEST WAITING\\s+PAUSED"
                        + "\\s+CONCURRENCY\\s+RATE/S");
        String row = r.lines().stream()
                .filter(l -> l.startsWith(queue + " "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + queue + " in\n" + r.out()));
        assertThat(row.split("\\s+")).startsWith(queue, "0", "2", "0", "0", "0");
        assertThat(row).matches(".*\\s\\d+s\\s+no\\s+-\\s+-$");

        JsonNode item = queueJson(queue);
        assertThat(item.get("queued").asLong()).isEqualTo(2);
    }

    @Test
    void a_queue_is_paused_limited_and_resumed() {
        String queue = idleQueue();
        waitingTask(queue);

        assertThat(ok("queues", "pause", queue).out()).contains("'" + queue + "': paused");
        assertThat(queueJson(queue).get("paused").asBoolean()).isTrue();

        assertThat(ok("queues", "limit", queue, "--concurrency", "2", "--rate", "0.5")
                        .out())
                .contains("concurrency limit 2", "rate limit 0.5/s");
        assertThat(ok("queues", "limit", queue, "--rate", "none").out())
                .contains("concurrency limit 2", "rate limit none");
        JsonNode limited = queueJson(queue);
        assertThat(limited.get("concurrencyLimit").asInt()).isEqualTo(2);
        assertThat(limited.get("ratePerSecond").isNull()).isTrue();

        assertThat(ok("queues", "resume", queue).out()).contains("'" + queue + "': running");
        assertThat(ok("queues", "limit", queue, "--concurrency", "none", "--json")
                        .json()
                        .get("concurrencyLimit")
                        .isNull())
                .isTrue();

        Result refused = cli("queues", "limit", queue, "--concurrency", "100001");
        assertThat(refused.code()).as(refused.toString()).isEqualTo(4);
        assertThat(refused.err()).contains("HTTP 422", "concurrencyLimit");
    }

    @Test
    void retry_failed_replays_the_dead_letters_of_a_queue() {
        Result failed = cli(
                "submit",
                "shell",
                "--queue",
                "cli-failing",
                "--payload",
                "{\"command\": \"exit 1\"}",
                "--max-attempts",
                "1",
                "--wait",
                "--json");
        assertThat(failed.code()).as(failed.toString()).isEqualTo(1);
        String id = failed.json().get("id").asString();

        Result r = ok("queues", "retry-failed", "cli-failing");

        assertThat(r.out()).matches("[1-9]\\d* failed tasks? of queue 'cli-failing' queued again\\s*");
        JsonNode again = awaitStatus(id, "FAILED");
        assertThat(again.get("attempt").asInt()).isEqualTo(2);
    }

    @Test
    void workers_list_shows_the_servers_worker() {
        Result r = ok("workers", "list");

        assertThat(r.lines().getFirst())
                .matches("ID\\s+STATUS\\s+HOST\\s+PID\\s+BUSY\\s+QUEUES\\s+STARTED\\s+LAST HEARTBEAT");
        assertThat(r.lines()).anySatisfy(l -> assertThat(l).contains("ACTIVE", "default,cli-failing"));
        assertThat(ok("workers", "list", "--json").json().get("items").size()).isPositive();
    }

    JsonNode queueJson(String name) {
        for (JsonNode q : ok("queues", "list", "--json").json().get("items")) {
            if (q.get("name").asString().equals(name)) {
                return q;
            }
        }
        throw new AssertionError("no queue " + name);
    }

    // ---- scripts ---------------------------------------------------------------------------------------

    @Test
    void a_script_is_added_listed_run_with_typed_parameters_and_updated() throws Exception {
        String name = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        Path dir = TestData.directory("scripts-");
        Path script = Files.writeString(
                dir.resolve("greet.sh"),
                "#!/usr/bin/env bash\necho \"hello $TF_PARAM_WHO x$TF_PARAM_TIMES\"\necho \"{\\\"zip\\\": \\\"$TF_PARAM_ZIP\\\"}\"\n");
        Path schema = Files.writeString(
                dir.resolve("greet.schema.json"),
                "{\"type\": \"object\", \"required\": [\"who\"], \"properties\": {\"who\": {\"type\": \"string\"},"
                        + " \"times\": {\"type\": \"integer\"}, \"zip\": {\"type\": \"string\"}}}");

        Result added = ok(
                "scripts",
                "add",
                script.toString(),
                "--name",
                name,
                "--schema",
                schema.toString(),
                "--description",
                "greets");
        assertThat(added.out()).contains("'" + name + "' added", "bash", "version 1");

        Result list = ok("scripts", "list");
        assertThat(list.lines().getFirst())
                .matches("NAME\\s+LANGUAGE\\s+VERSION\\s+QUEUE\\s+UPDATED\\s+ID\\s+DESCRIPTION");
        assertThat(list.lines())
                .anySatisfy(l -> assertThat(l).startsWith(name + " ").contains("bash", "greets"));

        // times=3 must arrive as a number (the schema says integer), zip=01234 as text (it says string).
        Result run = cli(
                "scripts", "run", name, "--param", "who=world", "--param", "times=3", "--param", "zip=01234", "--wait");
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).contains("hello world x3");
        assertThat(run.err()).contains("SUCCEEDED", "{\"zip\":\"01234\"}");

        Result badParams = cli("scripts", "run", name, "--param", "times=many");
        assertThat(badParams.code()).as(badParams.toString()).isEqualTo(4);
        assertThat(badParams.err()).contains("HTTP 422", "params.");

        Files.writeString(script, "#!/bin/sh\necho v2 $TF_PARAM_WHO\n");
        Result again = cli("scripts", "add", script.toString(), "--name", name);
        assertThat(again.code()).as(again.toString()).isEqualTo(4);
        assertThat(again.err()).contains("--update");

        Result updated = ok("scripts", "add", script.toString(), "--name", name, "--update");
        assertThat(updated.out()).contains("'" + name + "' updated", "sh", "version 2");
        Result second = cli(
                "scripts",
                "run",
                name,
                "--params",
                "{\"who\": \"again\"}",
                "--title",
                "second run",
                "--wait",
                "--json");
        assertThat(second.code()).as(second.toString()).isZero();
        assertThat(second.json().get("title").asString()).isEqualTo("second run");
        assertThat(second.err()).contains("v2 again");

        assertThat(cli("scripts", "run", "no-such-script-" + name).code()).isEqualTo(4);
    }

    @Test
    void pipelines_apply_run_wait_runs_and_retry() throws Exception {
        String name = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        Path flag = TestData.file("cli-pipeline-flag-", ".txt");
        Files.delete(flag);
        Path file = TestData.file("cli-pipeline-", ".yaml");
        Files.writeString(file, """
                name: NAME
                steps:
                  - id: hello
                    type: shell
                    payload: {command: "echo '{\\"who\\": \\"${params.who}\\"}'", jsonResult: true}
                  - id: greet
                    type: shell
                    dependsOn: [hello]
                    maxAttempts: 1
                    payload: {command: "test -f FLAG && echo hi ${steps.hello.result.who}"}
                """.replace("NAME", name).replace("FLAG", flag.toString()));

        assertThat(ok("pipelines", "apply", "-f", file.toString()).out()).contains("'" + name + "' saved: version 1");
        assertThat(ok("pipelines", "apply", "--file", file.toString()).out()).contains("version 2");
        assertThat(ok("pipelines", "list").out()).contains(name);

        Result failed = cli("pipelines", "run", name, "--param", "who=cli", "--wait");
        assertThat(failed.code()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.err()).contains("step greet: FAILED");
        assertThat(failed.out()).contains("FAILED (step 'greet' failed)");

        JsonNode runs = ok("pipelines", "runs", name, "--json").json();
        assertThat(runs.get("items")).hasSize(1);
        String runId = runs.get("items").get(0).get("id").asString();
        assertThat(ok("pipelines", "runs", "--status", "failed").out()).contains(runId);

        Files.writeString(flag, "ok");
        Result retried = cli("pipelines", "retry", runId, "--wait");
        assertThat(retried.code()).as(retried.toString()).isZero();
        assertThat(retried.out()).contains("SUCCEEDED");

        assertThat(cli("pipelines", "cancel", runId).code()).isEqualTo(4);
        assertThat(cli("pipelines", "run", "no-such-pipeline-" + name).code()).isEqualTo(4);

        Path bad = TestData.file("cli-pipeline-bad-", ".json");
        Files.writeString(bad, "{\"name\": \"" + name + "-bad\", \"steps\": [{\"id\": \"a\", \"type\": \"mystery\"}]}");
        Result refused = cli("pipelines", "apply", "-f", bad.toString());
        assertThat(refused.code()).isEqualTo(4);
        assertThat(refused.err()).contains("steps[0].type");

        String started = ok("pipelines", "run", name, "--param", "who=again", "--json")
                .json()
                .get("id")
                .asString();
        Result cancelled = cli("pipelines", "cancel", started);
        assertThat(cancelled.code()).as(cancelled.toString()).isIn(0, 4);
    }

    static List<String> ids(Result r) {
        List<String> ids = new ArrayList<>();
        r.json().get("items").forEach(t -> ids.add(t.get("id").asString()));
        return ids;
    }
}
