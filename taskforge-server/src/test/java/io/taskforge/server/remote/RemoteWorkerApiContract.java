package io.taskforge.server.remote;

import static io.taskforge.server.testing.ProblemAssertions.problem;
import static io.taskforge.server.testing.ProblemAssertions.problemNaming;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskforge.server.testing.Http;
import io.taskforge.server.testing.Http.Response;
import io.taskforge.store.TaskStore;
import io.taskforge.store.WorkerRecord;
import io.taskforge.store.WorkerStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The remote-worker endpoints of API.md over real HTTP against the whole server. Subclasses pick the
 * store. The server's own worker serves only {@code default}; every test claims from a queue of its
 * own, so nothing else takes its tasks and the tests do not see each other's.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "taskforge.worker.queues=default",
            "taskforge.worker.concurrency=2",
            "taskforge.worker.shutdown-grace=2s",
        })
abstract class RemoteWorkerApiContract {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String WORKER = "remote-1";
    static final String OTHER = "remote-2";

    @LocalServerPort
    int port;

    @Autowired
    TaskStore store;

    Http http;
    String queue;

    @BeforeEach
    void connect() {
        http = new Http(port);
        queue = "remote-" + UUID.randomUUID().toString().substring(0, 8);
    }

    // ---- helpers ------------------------------------------------------------------------------------

    String submit(String extraFields) {
        Response r = http.post(
                "/api/v1/tasks",
                "{\"type\": \"py.echo\", \"queue\": \"" + queue + "\", \"payload\": {\"n\": 1}"
                        + (extraFields.isEmpty() ? "" : ", " + extraFields) + "}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    String submit() {
        return submit("");
    }

    List<JsonNode> claim(String worker, int max, int leaseSeconds) {
        Response r = http.post("/api/v1/worker/claim", """
                {"workerId": "%s", "queues": ["%s"], "max": %d, "leaseSeconds": %d}
                """.formatted(worker, queue, max, leaseSeconds));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return StreamSupport.stream(r.json().get("items").spliterator(), false).toList();
    }

    JsonNode claimOne(String worker) {
        List<JsonNode> claimed = claim(worker, 1, 30);
        assertThat(claimed).hasSize(1);
        return claimed.getFirst();
    }

    Response report(String id, String what, String json) {
        return http.post("/api/v1/worker/tasks/" + id + "/" + what, json);
    }

    static String ref(String worker, int attempt) {
        return "\"workerId\": \"" + worker + "\", \"attempt\": " + attempt;
    }

    JsonNode task(String id) {
        Response r = http.get("/api/v1/tasks/" + id);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    List<JsonNode> logs(String id) {
        Response r = http.get("/api/v1/tasks/" + id + "/logs");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return StreamSupport.stream(r.json().get("items").spliterator(), false).toList();
    }

    JsonNode awaitStatus(String id, String status) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            last.set(task(id));
            assertThat(last.get().get("status").asString()).isEqualTo(status);
        });
        return last.get();
    }

    static void leaseLost(Response r) {
        JsonNode p = problem(r, 409);
        assertThat(p.get("type").asString()).isEqualTo("urn:taskforge:problem:lease-lost");
    }

    // ---- claim --------------------------------------------------------------------------------------

    @Test
    void claim_hands_out_ready_tasks_running_for_the_worker_up_to_max() {
        String a = submit("\"priority\": \"LOW\"");
        String b = submit("\"priority\": \"URGENT\"");
        String c = submit();

        List<JsonNode> first = claim(WORKER, 2, 30);
        List<JsonNode> second = claim(WORKER, 2, 30);
        List<JsonNode> third = claim(WORKER, 2, 30);

        assertThat(first).extracting(t -> t.get("id").asString()).containsExactly(b, c);
        assertThat(second).extracting(t -> t.get("id").asString()).containsExactly(a);
        assertThat(third).isEmpty();
        JsonNode t = first.getFirst();
        assertThat(t.get("status").asString()).isEqualTo("RUNNING");
        assertThat(t.get("attempt").asInt()).isEqualTo(1);
        assertThat(t.get("workerId").asString()).isEqualTo(WORKER);
        assertThat(t.get("type").asString()).isEqualTo("py.echo");
        assertThat(t.get("payload").get("n").asInt()).isEqualTo(1);
        assertThat(task(b).get("status").asString()).isEqualTo("RUNNING");
    }

    @Test
    void claim_takes_nothing_from_a_paused_queue_and_keeps_to_its_concurrency_limit() {
        String first = submit();
        String second = submit();
        Response paused = http.patch("/api/v1/queues/" + queue, "{\"paused\": true}");
        assertThat(paused.status()).as(paused.toString()).isEqualTo(200);

        assertThat(claim(WORKER, 5, 30)).isEmpty();

        http.patch("/api/v1/queues/" + queue, "{\"paused\": false, \"concurrencyLimit\": 1}");
        List<JsonNode> one = claim(WORKER, 5, 30);
        assertThat(one).extracting(t -> t.get("id").asString()).containsExactly(first);
        assertThat(claim(OTHER, 5, 30)).as("the limit holds across workers").isEmpty();
        report(first, "complete", "{" + ref(WORKER, 1) + "}");
        assertThat(claim(OTHER, 5, 30)).extracting(t -> t.get("id").asString()).containsExactly(second);
    }

    @Test
    void claim_registers_the_worker_with_its_address_and_slots_and_a_later_claim_keeps_its_start() {
        String worker = "reg-" + queue;
        http.post(
                "/api/v1/worker/claim",
                "{\"workerId\": \"" + worker + "\", \"queues\": [\"" + queue + "\"], \"max\": 3}");
        WorkerRecord first = worker(worker);
        http.post(
                "/api/v1/worker/claim",
                "{\"workerId\": \"" + worker + "\", \"queues\": [\"" + queue + "\"], \"max\": 2, \"host\": \"box7\","
                        + " \"pid\": 4242, \"concurrency\": 8, \"busy\": 6}");
        WorkerRecord second = worker(worker);

        assertThat(first.host()).isEqualTo("127.0.0.1");
        assertThat(first.pid()).isZero();
        assertThat(first.concurrency()).isEqualTo(3);
        assertThat(first.queues()).containsExactly(queue);
        assertThat(first.status()).isEqualTo(WorkerStatus.ACTIVE);
        assertThat(second.host()).isEqualTo("box7");
        assertThat(second.pid()).isEqualTo(4242);
        assertThat(second.concurrency()).isEqualTo(8);
        assertThat(second.busy()).isEqualTo(6);
        assertThat(second.startedAt()).isEqualTo(first.startedAt());

        assertThat(http.post("/api/v1/worker/stop", "{\"workerId\": \"" + worker + "\"}")
                        .status())
                .isEqualTo(204);
        assertThat(worker(worker).status()).isEqualTo(WorkerStatus.STOPPED);
    }

    WorkerRecord worker(String id) {
        return store.workerList().stream()
                .filter(w -> w.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("worker " + id + " is not registered"));
    }

    // ---- while running ------------------------------------------------------------------------------

    @Test
    void heartbeat_extends_the_lease_and_passes_on_a_cancel_request_and_fail_then_cancels() {
        String id = submit();
        claimOne(WORKER);
        Instant before = Instant.now();

        Response beat = report(id, "heartbeat", "{" + ref(WORKER, 1) + ", \"leaseSeconds\": 600}");

        assertThat(beat.status()).as(beat.toString()).isEqualTo(200);
        assertThat(beat.json().get("cancelRequested").asBoolean()).isFalse();
        assertThat(Instant.parse(beat.json().get("leaseUntil").asString())).isAfter(before.plusSeconds(500));
        assertThat(beat.json().get("attempt").asInt()).isEqualTo(1);

        assertThat(http.post("/api/v1/tasks/" + id + "/cancel", null).status()).isEqualTo(202);
        Response told = report(id, "heartbeat", "{" + ref(WORKER, 1) + "}");
        assertThat(told.json().get("cancelRequested").asBoolean()).isTrue();

        Response stopped = report(id, "fail", "{" + ref(WORKER, 1) + ", \"error\": \"stopped on request\"}");
        assertThat(stopped.status()).as(stopped.toString()).isEqualTo(200);
        assertThat(stopped.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(task(id).get("status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void log_lines_as_strings_or_with_a_stream_show_in_the_task_log_under_the_attempt() {
        String id = submit();
        claimOne(WORKER);

        Response r = report(id, "logs", """
                {%s, "lines": ["starting", {"stream": "stderr", "line": "warning: slow"},
                 {"line": "no stream"}, {"stream": "system", "line": "by the worker"}]}
                """.formatted(ref(WORKER, 1)));

        assertThat(r.status()).as(r.toString()).isEqualTo(204);
        List<JsonNode> lines = logs(id);
        assertThat(lines)
                .extracting(l -> l.get("line").asString())
                .containsExactly("starting", "warning: slow", "no stream", "by the worker");
        assertThat(lines)
                .extracting(l -> l.get("stream").asString())
                .containsExactly("stdout", "stderr", "stdout", "system");
        assertThat(lines).extracting(l -> l.get("attempt").asInt()).containsOnly(1);
    }

    @Test
    void a_runaway_log_line_is_cut_and_a_thousand_lines_fit_in_one_report() {
        String id = submit();
        claimOne(WORKER);
        String huge = "z".repeat(20_000);
        String many = String.join(
                ", ", IntStream.range(0, 999).mapToObj(i -> "\"l" + i + "\"").toList());

        Response r = report(id, "logs", "{" + ref(WORKER, 1) + ", \"lines\": [\"" + huge + "\", " + many + "]}");

        assertThat(r.status()).as(r.toString()).isEqualTo(204);
        Response page = http.get("/api/v1/tasks/" + id + "/logs?limit=1000");
        JsonNode items = page.json().get("items");
        assertThat(items.size()).isEqualTo(1000);
        assertThat(items.get(0).get("line").asString()).hasSize(8192);
        assertThat(items.get(999).get("line").asString()).isEqualTo("l998");
    }

    @Test
    void progress_shows_on_the_task_while_it_runs() {
        String id = submit();
        claimOne(WORKER);

        Response r = report(id, "progress", "{" + ref(WORKER, 1) + ", \"percent\": 40, \"message\": \"10 of 25\"}");

        assertThat(r.status()).as(r.toString()).isEqualTo(204);
        JsonNode progress = task(id).get("progress");
        assertThat(progress.get("percent").asInt()).isEqualTo(40);
        assertThat(progress.get("message").asString()).isEqualTo("10 of 25");
    }

    // ---- ending the attempt -------------------------------------------------------------------------

    @Test
    void complete_ends_the_task_succeeded_with_its_result() {
        String id = submit();
        claimOne(WORKER);

        Response r = report(
                id, "complete", "{" + ref(WORKER, 1) + ", \"result\": {\"words\": 42, \"tags\": [\"a\", null]}}");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("status").asString()).isEqualTo("SUCCEEDED");
        JsonNode t = task(id);
        assertThat(t.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(t.get("result").get("words").asInt()).isEqualTo(42);
        assertThat(t.get("result").get("tags").toString()).isEqualTo("[\"a\",null]");
        assertThat(t.hasNonNull("finishedAt")).isTrue();
        assertThat(r.json().get("task").get("status").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void complete_without_a_result_stores_none() {
        String id = submit();
        claimOne(WORKER);

        Response r = report(id, "complete", "{" + ref(WORKER, 1) + "}");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(task(id).get("result").isNull()).isTrue();
    }

    @Test
    void a_retryable_failure_retries_with_backoff_and_the_last_attempt_dead_letters() {
        String id = submit("\"maxAttempts\": 2");
        claimOne(WORKER);

        Response first = report(
                id,
                "fail",
                "{" + ref(WORKER, 1) + ", \"error\": {\"type\": \"IOError\", \"message\": \"disk full\","
                        + " \"stack\": \"Traceback …\"}}");

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().get("status").asString()).isEqualTo("RETRYING");
        assertThat(first.json().hasNonNull("runAt")).isTrue();
        JsonNode retrying = task(id);
        assertThat(retrying.get("error").get("type").asString()).isEqualTo("IOError");
        assertThat(retrying.get("error").get("message").asString()).isEqualTo("disk full");
        assertThat(retrying.get("error").get("stack").asString()).isEqualTo("Traceback …");

        awaitStatus(id, "QUEUED");
        JsonNode second = claimOne(OTHER);
        assertThat(second.get("attempt").asInt()).isEqualTo(2);
        Response last = report(id, "fail", "{" + ref(OTHER, 2) + ", \"error\": \"disk still full\"}");

        assertThat(last.json().get("status").asString()).isEqualTo("FAILED");
        JsonNode failed = task(id);
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("error").get("message").asString()).isEqualTo("disk still full");
        assertThat(failed.hasNonNull("finishedAt")).isTrue();
    }

    @Test
    void a_failure_that_is_not_retryable_dead_letters_at_once() {
        String id = submit("\"maxAttempts\": 5");
        claimOne(WORKER);

        Response r = report(
                id,
                "fail",
                "{" + ref(WORKER, 1)
                        + ", \"retryable\": false, \"error\": {\"type\": \"ValueError\", \"message\": \"bad\"}}");

        assertThat(r.json().get("status").asString()).isEqualTo("FAILED");
        JsonNode t = task(id);
        assertThat(t.get("status").asString()).isEqualTo("FAILED");
        assertThat(t.get("attempt").asInt()).isEqualTo(1);
        assertThat(t.get("error").get("type").asString()).isEqualTo("ValueError");
        assertThat(http.post("/api/v1/tasks/" + id + "/retry", null).status()).isEqualTo(202);
    }

    @Test
    void release_gives_the_attempt_back_at_once() {
        String id = submit();
        claimOne(WORKER);

        Response r = report(id, "release", "{" + ref(WORKER, 1) + ", \"reason\": \"worker shutting down\"}");

        assertThat(r.json().get("status").asString()).isEqualTo("QUEUED");
        JsonNode t = task(id);
        assertThat(t.get("status").asString()).isEqualTo("QUEUED");
        assertThat(t.get("attempt").asInt()).isZero();
        assertThat(claimOne(OTHER).get("attempt").asInt()).isEqualTo(1);
    }

    // ---- lost leases: 409, and nothing changes ------------------------------------------------------

    @Test
    void reports_for_an_attempt_whose_lease_expired_and_was_claimed_again_answer_409_and_change_nothing() {
        String id = submit();
        assertThat(claim(WORKER, 1, 5)).hasSize(1);
        report(id, "progress", "{" + ref(WORKER, 1) + ", \"percent\": 10}");
        // The leader's reaper takes the task back once the 5 s lease has run out.
        AtomicReference<List<JsonNode>> reclaimed = new AtomicReference<>(List.of());
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> {
            reclaimed.set(claim(OTHER, 1, 60));
            return !reclaimed.get().isEmpty();
        });
        assertThat(reclaimed.get().getFirst().get("attempt").asInt()).isEqualTo(2);

        leaseLost(report(id, "heartbeat", "{" + ref(WORKER, 1) + "}"));
        leaseLost(report(id, "logs", "{" + ref(WORKER, 1) + ", \"lines\": [\"late\"]}"));
        leaseLost(report(id, "progress", "{" + ref(WORKER, 1) + ", \"percent\": 99}"));
        leaseLost(report(id, "complete", "{" + ref(WORKER, 1) + ", \"result\": 1}"));
        leaseLost(report(id, "fail", "{" + ref(WORKER, 1) + ", \"error\": \"late\"}"));
        leaseLost(report(id, "release", "{" + ref(WORKER, 1) + "}"));
        // The old worker with the new attempt number, and the new worker with the old one.
        leaseLost(report(id, "complete", "{" + ref(WORKER, 2) + "}"));
        leaseLost(report(id, "complete", "{" + ref(OTHER, 1) + "}"));

        JsonNode t = task(id);
        assertThat(t.get("status").asString()).isEqualTo("RUNNING");
        assertThat(t.get("attempt").asInt()).isEqualTo(2);
        assertThat(t.get("workerId").asString()).isEqualTo(OTHER);
        assertThat(t.get("progress").isNull()).isTrue();
        assertThat(logs(id)).isEmpty();
        assertThat(report(id, "heartbeat", "{" + ref(OTHER, 2) + "}").status()).isEqualTo(200);
    }

    @Test
    void reports_for_a_task_deleted_while_running_answer_409() {
        String id = submit();
        claimOne(WORKER);
        assertThat(http.delete("/api/v1/tasks/" + id + "?force=true").status()).isEqualTo(204);

        JsonNode p = problem(report(id, "heartbeat", "{" + ref(WORKER, 1) + "}"), 409);
        leaseLost(report(id, "complete", "{" + ref(WORKER, 1) + "}"));

        assertThat(p.get("taskId").asString()).isEqualTo(id);
        assertThat(p.get("workerId").asString()).isEqualTo(WORKER);
    }

    @Test
    void a_second_end_of_the_same_attempt_answers_409_and_keeps_the_first() {
        String id = submit();
        claimOne(WORKER);
        assertThat(report(id, "complete", "{" + ref(WORKER, 1) + ", \"result\": \"first\"}")
                        .status())
                .isEqualTo(200);

        JsonNode p = problem(report(id, "fail", "{" + ref(WORKER, 1) + ", \"error\": \"second\"}"), 409);

        assertThat(p.get("currentStatus").asString()).isEqualTo("SUCCEEDED");
        assertThat(task(id).get("result").asString()).isEqualTo("first");
    }

    @Test
    void a_report_for_a_task_never_claimed_or_unknown_answers_409_and_a_malformed_id_404() {
        String waiting = submit();
        String unknown = "0190d5c4-7a3e-7b1c-9d2e-3f4a5b6c7d8e";

        leaseLost(report(waiting, "heartbeat", "{" + ref(WORKER, 1) + "}"));
        leaseLost(report(unknown, "complete", "{" + ref(WORKER, 1) + "}"));
        problem(report("not-a-task", "complete", "{" + ref(WORKER, 1) + "}"), 404);

        assertThat(task(waiting).get("status").asString()).isEqualTo("QUEUED");
    }

    // ---- bad input: 4xx naming the field, nothing written -------------------------------------------

    @Test
    void a_claim_with_bad_fields_answers_422_naming_each_and_claims_nothing() {
        String id = submit();

        problemNaming(http.post("/api/v1/worker/claim", "{\"queues\": [\"" + queue + "\"]}"), 422, "workerId");
        problemNaming(
                http.post("/api/v1/worker/claim", "{\"workerId\": \"w\", \"queues\": [\"" + queue + "\"], \"max\": 0}"),
                422,
                "max");
        problemNaming(
                http.post(
                        "/api/v1/worker/claim", "{\"workerId\": \"w\", \"queues\": [\"" + queue + "\"], \"max\": 101}"),
                422,
                "max");
        problemNaming(
                http.post(
                        "/api/v1/worker/claim",
                        "{\"workerId\": \"w\", \"queues\": [\"" + queue + "\"], \"leaseSeconds\": 1}"),
                422,
                "leaseSeconds");
        problemNaming(http.post("/api/v1/worker/claim", "{\"workerId\": \"w\"}"), 422, "queues");
        problemNaming(
                http.post("/api/v1/worker/claim", "{\"workerId\": \"w\", \"queues\": [\"no spaces\"]}"),
                422,
                "queues[0]");
        problemNaming(
                http.post(
                        "/api/v1/worker/claim",
                        "{\"workerId\": \"" + "w".repeat(201) + "\", \"queues\": [\"" + queue
                                + "\"], \"max\": 0, \"leaseSeconds\": 99999}"),
                422,
                "workerId",
                "max",
                "leaseSeconds");
        problem(http.post("/api/v1/worker/claim", "{\"workerId\": \"w\", \"queues\": [\"q\"], \"max\": \"3\"}"), 400);
        problem(http.post("/api/v1/worker/claim", "{\"workerId\": "), 400);
        problem(http.post("/api/v1/worker/claim", null), 415);

        assertThat(task(id).get("status").asString()).isEqualTo("QUEUED");
        assertThat(store.workerList()).extracting(WorkerRecord::id).doesNotContain("w");
    }

    @Test
    void reports_with_bad_fields_answer_422_naming_each_and_change_nothing() {
        String id = submit();
        claimOne(WORKER);

        problemNaming(report(id, "heartbeat", "{\"attempt\": 1}"), 422, "workerId");
        problemNaming(report(id, "heartbeat", "{\"workerId\": \"" + WORKER + "\"}"), 422, "attempt");
        problemNaming(report(id, "heartbeat", "{" + ref(WORKER, 1) + ", \"leaseSeconds\": 1}"), 422, "leaseSeconds");
        problemNaming(report(id, "progress", "{" + ref(WORKER, 1) + ", \"percent\": 101}"), 422, "percent");
        problemNaming(report(id, "progress", "{" + ref(WORKER, 1) + "}"), 422, "percent");
        problemNaming(report(id, "logs", "{" + ref(WORKER, 1) + "}"), 422, "lines");
        problemNaming(report(id, "logs", "{" + ref(WORKER, 1) + ", \"lines\": [\"ok\", 7]}"), 422, "lines[1]");
        problemNaming(
                report(id, "logs", "{" + ref(WORKER, 1) + ", \"lines\": [{\"stream\": \"tty\", \"line\": \"x\"}]}"),
                422,
                "lines[0].stream");
        String tooMany = String.join(
                ", ", IntStream.range(0, 1001).mapToObj(i -> "\"l\"").toList());
        problemNaming(report(id, "logs", "{" + ref(WORKER, 1) + ", \"lines\": [" + tooMany + "]}"), 422, "lines");
        problemNaming(report(id, "fail", "{" + ref(WORKER, 1) + ", \"error\": 12}"), 422, "error");
        problemNaming(report(id, "complete", "{" + ref(WORKER, 0) + "}"), 422, "attempt");
        problem(report(id, "fail", "{" + ref(WORKER, 1) + ", \"retryable\": \"no\"}"), 400);
        String big = "\"" + "r".repeat(1024 * 1024 + 10) + "\"";
        JsonNode tooLarge = problem(report(id, "complete", "{" + ref(WORKER, 1) + ", \"result\": " + big + "}"), 413);
        assertThat(tooLarge.get("errors").get(0).get("field").asString()).isEqualTo("result");

        JsonNode t = task(id);
        assertThat(t.get("status").asString()).isEqualTo("RUNNING");
        assertThat(t.get("progress").isNull()).isTrue();
        assertThat(logs(id)).isEmpty();
    }
}
