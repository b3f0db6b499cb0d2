package io.taskforge.server.monitor;

import static io.taskforge.server.testing.ProblemAssertions.problemNaming;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import io.taskforge.server.testing.EventStream;
import io.taskforge.server.testing.EventStream.SseEvent;
import io.taskforge.server.testing.Http;
import io.taskforge.server.testing.Http.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The Monitoring section of API.md over real HTTP against the whole server (a real store, the engine
 * and its worker), plus {@code /actuator/prometheus} checked by {@code promtool}. Subclasses pick
 * the store. The worker serves {@code default}; tasks that must stay waiting go to a queue nobody
 * serves, and each test tells its tasks apart by a tag or type of its own.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "taskforge.worker.queues=default",
            "taskforge.worker.concurrency=4",
            "taskforge.worker.shutdown-grace=2s",
            "taskforge.monitor.event-stream-poll-interval=100ms",
            "taskforge.monitor.event-stream-heartbeat=1s",
            "taskforge.metrics.queue-refresh=500ms",
        })
abstract class MonitorContract {
    static final Duration WAIT = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void connect() {
        http = new Http(port);
    }

    // ---- helpers ------------------------------------------------------------------------------------

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    JsonNode create(String json) {
        Response r = http.post("/api/v1/tasks", json);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    String createIdle(String tag) {
        return create("{\"type\": \"noop\", \"queue\": \"" + unique("idle") + "\", \"tags\": [\"" + tag + "\"]}")
                .get("id")
                .asString();
    }

    void awaitStatus(String id, String status) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            Response r = http.get("/api/v1/tasks/" + id);
            assertThat(r.json().get("status").asString()).isEqualTo(status);
        });
    }

    void cancel(String id) {
        Response r = http.post("/api/v1/tasks/" + id + "/cancel", "{}");
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
    }

    static List<String> statuses(List<SseEvent> events) {
        return events.stream().map(e -> e.json().get("status").asString()).toList();
    }

    // ---- /monitor/system ------------------------------------------------------------------------------

    @Test
    void system_reports_cpu_memory_disk_jvm_and_uptime() {
        Response r = http.get("/api/v1/monitor/system");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        JsonNode s = r.json();
        assertThat(s.get("uptimeSeconds").asDouble()).isPositive();
        assertThat(s.get("cpu").get("cores").asInt()).isPositive();
        assertThat(s.get("memory").get("heapUsed").asLong()).isPositive();
        assertThat(s.get("memory").get("systemTotal").asLong()).isPositive();
        assertThat(s.get("disk").get("total").asLong()).isPositive();
        assertThat(s.get("disk").get("usable").asLong())
                .isBetween(0L, s.get("disk").get("total").asLong());
        assertThat(s.get("disk").get("path").asString()).isNotBlank();
        JsonNode jvm = s.get("jvm");
        assertThat(jvm.get("version").asString()).isEqualTo(Runtime.version().toString());
        assertThat(jvm.get("threads").get("live").asInt()).isPositive();
        assertThat(jvm.get("gc").isArray()).isTrue();
        if (Runtime.version().feature() >= 24) {
            assertThat(jvm.get("virtualThreads").get("parallelism").asInt()).isPositive();
        }
    }

    // ---- /monitor/tasks -------------------------------------------------------------------------------

    @Test
    void tasks_counts_throughput_and_run_times_of_a_window() {
        String sleeper = unique("sleeper");
        String broken = unique("no-such-handler");
        // The sleep handler under a type of this test's own would need a handler bean; the run time of
        // `sleep` tasks is told apart by their tag instead, and failures come from a type nobody handles.
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(create("{\"type\": \"sleep\", \"payload\": {\"seconds\": 0.05}, \"tags\": [\"" + sleeper + "\"]}")
                    .get("id")
                    .asString());
        }
        String failed = create("{\"type\": \"" + broken + "\", \"maxAttempts\": 1}")
                .get("id")
                .asString();
        ids.forEach(id -> awaitStatus(id, "SUCCEEDED"));
        awaitStatus(failed, "FAILED");

        Response r = http.get("/api/v1/monitor/tasks?window=5m");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode s = r.json();
        assertThat(s.get("window").asString()).isEqualTo("5m");
        assertThat(Duration.between(
                        java.time.Instant.parse(s.get("since").asString()),
                        java.time.Instant.parse(s.get("until").asString())))
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(s.get("countsByStatus").get("SUCCEEDED").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(s.get("countsByStatus").get("FAILED").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(s.get("countsByStatus").propertyNames()).hasSize(8);
        JsonNode minutes = s.get("throughputPerMinute");
        assertThat(minutes.size()).isEqualTo(6);
        long succeeded = 0;
        long failedCount = 0;
        for (JsonNode m : minutes) {
            succeeded += m.get("succeeded").asLong();
            failedCount += m.get("failed").asLong();
        }
        assertThat(succeeded)
                .isEqualTo(s.get("totals").get("succeeded").asLong())
                .isGreaterThanOrEqualTo(3);
        assertThat(failedCount)
                .isEqualTo(s.get("totals").get("failed").asLong())
                .isGreaterThanOrEqualTo(1);
        JsonNode sleep = byType(s, "sleep");
        assertThat(sleep.get("count").asLong()).isGreaterThanOrEqualTo(3);
        // A sleep of 50 ms cannot take less; percentiles are ordered.
        assertThat(sleep.get("p50Millis").asLong()).isGreaterThanOrEqualTo(50);
        assertThat(sleep.get("p95Millis").asLong())
                .isGreaterThanOrEqualTo(sleep.get("p50Millis").asLong());
        assertThat(sleep.get("p99Millis").asLong())
                .isGreaterThanOrEqualTo(sleep.get("p95Millis").asLong());
        assertThat(sleep.get("maxMillis").asLong())
                .isGreaterThanOrEqualTo(sleep.get("p99Millis").asLong());
        assertThat(byType(s, broken).get("count").asLong()).isEqualTo(1);
    }

    private static JsonNode byType(JsonNode stats, String type) {
        for (JsonNode d : stats.get("durationsByType")) {
            if (d.get("type").asString().equals(type)) {
                return d;
            }
        }
        throw new AssertionError("no durations of type " + type + " in " + stats.get("durationsByType"));
    }

    @Test
    void tasks_window_defaults_to_an_hour_and_goes_up_to_a_week_a_minute_each() {
        JsonNode hour = http.get("/api/v1/monitor/tasks").json();
        assertThat(hour.get("window").asString()).isEqualTo("1h");
        assertThat(hour.get("throughputPerMinute").size()).isEqualTo(61);

        Response week = http.get("/api/v1/monitor/tasks?window=7d");
        assertThat(week.status()).as(week.toString()).isEqualTo(200);
        assertThat(week.json().get("throughputPerMinute").size()).isEqualTo(7 * 24 * 60 + 1);
        assertThat(http.get("/api/v1/monitor/tasks?window=1m").status()).isEqualTo(200);
    }

    @Test
    void tasks_rejects_a_window_it_cannot_read_or_that_is_out_of_bounds_with_400() {
        for (String bad : List.of("abc", "10y", "0m", "8d", "10081m", "-1h", "1.5h", "h", "99999999d")) {
            JsonNode p = problemNaming(http.get("/api/v1/monitor/tasks?window=" + bad), 400, "window");
            assertThat(p.get("detail").asString()).contains("window");
        }
    }

    // ---- /monitor/apis --------------------------------------------------------------------------------

    @Test
    void apis_counts_requests_errors_and_latency_per_route_template() {
        String missing = "0190f5d2-7c4e-7000-8000-000000000000";
        for (int i = 0; i < 3; i++) {
            assertThat(http.get("/api/v1/tasks/" + missing).status()).isEqualTo(404);
        }
        assertThat(http.get("/api/v1/no/such/route").status()).isEqualTo(404);

        Response r = http.get("/api/v1/monitor/apis");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode byId = endpoint(r.json(), "GET", "/api/v1/tasks/{id}");
        assertThat(byId.get("count").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(byId.get("clientErrors").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(byId.get("serverErrors").asLong()).isZero();
        double p50 = byId.get("p50Millis").asDouble();
        assertThat(p50).isGreaterThanOrEqualTo(0);
        assertThat(byId.get("p95Millis").asDouble()).isGreaterThanOrEqualTo(p50);
        assertThat(byId.get("p99Millis").asDouble())
                .isGreaterThanOrEqualTo(byId.get("p95Millis").asDouble());
        // No API route matches: the console's static files (/**) answer it.
        assertThat(endpoint(r.json(), "GET", "/**").get("clientErrors").asLong())
                .isGreaterThanOrEqualTo(1);
        assertThat(r.json().get("since").asString()).isNotBlank();
    }

    private static JsonNode endpoint(JsonNode apis, String method, String route) {
        for (JsonNode e : apis.get("items")) {
            if (e.get("method").asString().equals(method)
                    && e.get("route").asString().equals(route)) {
                return e;
            }
        }
        throw new AssertionError("no " + method + " " + route + " in " + apis);
    }

    // ---- /events/stream -------------------------------------------------------------------------------

    @Test
    void events_stream_sends_each_status_change_of_matching_tasks_as_it_happens() throws Exception {
        String tag = unique("live");
        try (EventStream stream = http.open("/api/v1/events/stream?tag=" + tag)) {
            assertThat(stream.status()).isEqualTo(200);
            String id = create("{\"type\": \"noop\", \"tags\": [\"" + tag + "\"]}")
                    .get("id")
                    .asString();
            createIdle(unique("other"));

            List<SseEvent> events = stream.await(3);

            assertThat(events).extracting(SseEvent::event).containsOnly("task");
            assertThat(events)
                    .allSatisfy(e -> assertThat(e.json().get("id").asString()).isEqualTo(id));
            assertThat(events.getFirst().json().get("tags").get(0).asString()).isEqualTo(tag);
            assertThat(events.stream().map(e -> Long.parseLong(e.id())).toList())
                    .isSorted()
                    .doesNotHaveDuplicates();
            awaitStatus(id, "SUCCEEDED");
        }
    }

    @Test
    void events_stream_status_filter_sends_each_completion_once() throws Exception {
        String tag = unique("done");
        try (EventStream stream = http.open("/api/v1/events/stream?status=SUCCEEDED,FAILED&tag=" + tag)) {
            String ok = create("{\"type\": \"noop\", \"tags\": [\"" + tag + "\"]}")
                    .get("id")
                    .asString();
            String bad = create("{\"type\": \"" + unique("no-handler") + "\", \"maxAttempts\": 1, \"tags\": [\"" + tag
                            + "\"]}")
                    .get("id")
                    .asString();

            List<SseEvent> events = stream.await(2);

            assertThat(events.stream().map(e -> e.json().get("id").asString()).toList())
                    .containsExactlyInAnyOrder(ok, bad);
            assertThat(statuses(events)).containsExactlyInAnyOrder("SUCCEEDED", "FAILED");
        }
    }

    @Test
    void events_stream_without_a_position_starts_now_and_queue_and_type_filters_match_any_listed() throws Exception {
        String queue = unique("idle");
        String before = create("{\"type\": \"noop\", \"queue\": \"" + queue + "\"}")
                .get("id")
                .asString();
        try (EventStream stream = http.open("/api/v1/events/stream?type=noop,shell&queue=" + queue + ",elsewhere")) {
            String otherQueue = createIdle(unique("other"));
            cancel(otherQueue);
            cancel(before);
            String mine = create("{\"type\": \"noop\", \"queue\": \"" + queue + "\"}")
                    .get("id")
                    .asString();
            cancel(mine);

            List<SseEvent> events = stream.await(3);

            // Each event carries the task as it is when sent: mine's creation may already show CANCELLED.
            assertThat(events.stream().map(e -> e.json().get("id").asString()).toList())
                    .as("the creation of the task made before the stream opened is not sent")
                    .containsExactly(before, mine, mine);
            assertThat(events.getFirst().json().get("status").asString()).isEqualTo("CANCELLED");
            assertThat(events.getLast().json().get("status").asString()).isEqualTo("CANCELLED");
        }
    }

    @Test
    void events_stream_resumes_after_last_event_id_without_repeating() throws Exception {
        String tag = unique("resume");
        String id = createIdle(tag);
        String firstEventId;
        try (EventStream stream = http.open("/api/v1/events/stream?after=0&tag=" + tag)) {
            List<SseEvent> events = stream.await(1);
            assertThat(events.getFirst().json().get("id").asString()).isEqualTo(id);
            firstEventId = events.getFirst().id();
        }
        cancel(id);

        try (EventStream resumed = http.open("/api/v1/events/stream?tag=" + tag, "Last-Event-ID", firstEventId)) {
            List<SseEvent> events = resumed.await(1);

            assertThat(events.getFirst().json().get("id").asString()).isEqualTo(id);
            assertThat(events.getFirst().json().get("status").asString()).isEqualTo("CANCELLED");
            assertThat(Long.parseLong(events.getFirst().id())).isGreaterThan(Long.parseLong(firstEventId));
        }
    }

    @Test
    void events_stream_rejects_bad_filters_and_positions_with_problems() {
        problemNaming(http.get("/api/v1/events/stream?status=NOPE", "Accept", "text/event-stream"), 400, "status");
        problemNaming(http.get("/api/v1/events/stream", "Last-Event-ID", "abc"), 400, "Last-Event-ID");
        problemNaming(http.get("/api/v1/events/stream?after=-5"), 400, "after");
        problemNaming(http.get("/api/v1/events/stream?queue=" + "q".repeat(200)), 422, "queue");
    }

    // ---- /actuator/prometheus -------------------------------------------------------------------------

    @Test
    void prometheus_exposes_task_metrics_that_promtool_accepts() throws Exception {
        String type = unique("metric-fail");
        String ok = create("{\"type\": \"noop\"}").get("id").asString();
        String bad = create("{\"type\": \"" + type + "\", \"maxAttempts\": 1}")
                .get("id")
                .asString();
        String waitingQueue = unique("idle");
        create("{\"type\": \"noop\", \"queue\": \"" + waitingQueue + "\"}");
        awaitStatus(ok, "SUCCEEDED");
        awaitStatus(bad, "FAILED");

        String[] scrape = new String[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Response r = http.get("/actuator/prometheus");
            assertThat(r.status()).isEqualTo(200);
            scrape[0] = r.body();
            assertThat(r.body()).contains("taskforge_queue_depth{queue=\"" + waitingQueue + "\",status=\"QUEUED\"} 1");
        });
        String body = scrape[0];

        assertThat(body)
                .contains("taskforge_tasks_submitted_total{queue=\"default\",type=\"noop\"}")
                .contains("taskforge_tasks_succeeded_total{queue=\"default\",type=\"noop\"}")
                .contains("taskforge_tasks_failed_total{queue=\"default\",type=\"" + type + "\"} 1")
                .contains("taskforge_attempt_duration_seconds_bucket{type=\"noop\",le=")
                .contains("taskforge_claim_to_start_seconds_count{queue=\"default\"}")
                .contains("taskforge_queue_wait_seconds_count{queue=\"default\"}")
                .contains("taskforge_queue_oldest_waiting_seconds{queue=\"" + waitingQueue + "\"}")
                .contains("taskforge_worker_slots 4")
                .contains("taskforge_worker_slots_busy");
        assertThat(body).doesNotContain(ok).doesNotContain(bad);
        promtoolAccepts(body);
    }

    /**
     * Runs {@code promtool check metrics}: the whole exposition must parse (its lint remarks on
     * Micrometer's own JVM and Tomcat metric names are not ours to fix), and Taskforge's metrics must
     * pass the lint too. A machine without promtool fails the test.
     */
    static void promtoolAccepts(String exposition) throws Exception {
        PromtoolResult all = promtool(exposition);
        assertThat(all.exitCode())
                .as(
                        "promtool check metrics of the whole scrape (0 clean, 3 lint remarks, else unreadable):%n%s",
                        all.said())
                .isIn(0, 3);
        assertThat(all.said()).doesNotContain("taskforge_");
        String ours = exposition
                .lines()
                .filter(l -> l.startsWith("taskforge_")
                        || l.startsWith("# HELP taskforge_")
                        || l.startsWith("# TYPE taskforge_"))
                .collect(Collectors.joining("\n", "", "\n"));
        PromtoolResult own = promtool(ours);
        assertThat(own.exitCode())
                .as("promtool check metrics of the taskforge_ metrics:%n%s", own.said())
                .isZero();
    }

    record PromtoolResult(int exitCode, String said) {}

    static PromtoolResult promtool(String exposition) throws Exception {
        Path promtool = findOnPath("promtool");
        if (promtool == null) {
            fail("promtool is not installed, so the Prometheus exposition cannot be checked: install Debian's"
                    + " prometheus package (apt-get install prometheus), which provides /usr/bin/promtool;"
                    + " .ci/run does this when promtool is missing");
        }
        Path input = Files.createTempFile("scrape-", ".txt");
        Path output = Files.createTempFile("promtool-", ".txt");
        try {
            Files.writeString(input, exposition, StandardCharsets.UTF_8);
            Process p = new ProcessBuilder(promtool.toString(), "check", "metrics")
                    .redirectInput(input.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("promtool check metrics did not finish within 60 s");
            }
            return new PromtoolResult(p.exitValue(), Files.readString(output));
        } finally {
            Files.deleteIfExists(input);
            Files.deleteIfExists(output);
        }
    }

    private static Path findOnPath(String program) throws IOException {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/bin:/usr/local/bin" : path).split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
