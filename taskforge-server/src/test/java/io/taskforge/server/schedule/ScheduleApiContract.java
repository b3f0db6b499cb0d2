package io.taskforge.server.schedule;

import static io.taskforge.server.testing.ProblemAssertions.problem;
import static io.taskforge.server.testing.ProblemAssertions.problemNaming;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskforge.server.testing.Http;
import io.taskforge.server.testing.Http.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The schedules API over real HTTP against the whole server (a real store, the engine and its
 * leader firing schedules). Subclasses pick the store; each runs this suite once, in one
 * application context.
 *
 * <p>Tasks that schedules create go to a queue nobody serves, so they stay to be looked at. Every
 * test names its schedules with a prefix of its own.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"taskforge.worker.queues=default", "taskforge.worker.shutdown-grace=2s"})
abstract class ScheduleApiContract {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String SCHEDULES = "/api/v1/schedules";
    static final String IDLE = "idle-schedules";

    @LocalServerPort
    int port;

    Http http;
    String prefix;

    @BeforeEach
    void connect() {
        http = new Http(port);
        prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + "-";
    }

    /** A JSON object of alternating names and values, in that order. */
    static Map<String, Object> obj(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    static String json(Object... namesAndValues) {
        return Http.JSON.writeValueAsString(obj(namesAndValues));
    }

    static Map<String, Object> noopTask() {
        return obj("type", "noop", "queue", IDLE, "payload", obj("from", "schedule"), "tags", List.of("cron"));
    }

    JsonNode create(String body) {
        Response r = http.post(SCHEDULES, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    JsonNode get(String ref) {
        Response r = http.get(SCHEDULES + "/" + ref);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    JsonNode fires(String ref) {
        Response r = http.get(SCHEDULES + "/" + ref + "/fires");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("items");
    }

    static List<Instant> instants(JsonNode array) {
        List<Instant> out = new ArrayList<>();
        array.forEach(n -> out.add(Instant.parse(n.asString())));
        return out;
    }

    @Test
    void a_cron_schedule_is_created_and_shows_its_next_five_fire_times_in_its_zone() {
        String name = prefix + "berlin";
        JsonNode s =
                create(json("name", name, "cron", "30 9 * * MON-FRI", "timeZone", "Europe/Berlin", "task", noopTask()));

        assertThat(s.get("id").asString()).isNotBlank();
        assertThat(s.get("cron").asString()).isEqualTo("30 9 * * MON-FRI");
        assertThat(s.get("timeZone").asString()).isEqualTo("Europe/Berlin");
        assertThat(s.get("paused").asBoolean()).isFalse();
        assertThat(s.get("misfirePolicy").asString()).isEqualTo("FIRE_ONCE");
        assertThat(s.get("task").get("type").asString()).isEqualTo("noop");
        assertThat(s.get("task").get("payload").get("from").asString()).isEqualTo("schedule");
        List<Instant> next = instants(get(name).get("nextFireTimes"));
        assertThat(next).hasSize(5).isSorted();
        for (Instant t : next) {
            ZonedDateTime local = t.atZone(ZoneId.of("Europe/Berlin"));
            assertThat(local.getHour()).isEqualTo(9);
            assertThat(local.getMinute()).isEqualTo(30);
            assertThat(local.getDayOfWeek().getValue()).isBetween(1, 5);
        }
        assertThat(Instant.parse(s.get("nextFireAt").asString())).isEqualTo(next.getFirst());
        assertThat(get(s.get("id").asString()).get("name").asString()).isEqualTo(name);
    }

    @Test
    void six_fields_and_intervals_are_schedules_too() {
        JsonNode seconds = create(json("name", prefix + "s", "cron", "*/10 * * * * *", "task", noopTask()));
        JsonNode interval = create(json("name", prefix + "i", "intervalSeconds", 3600, "task", noopTask()));

        List<Instant> tens = instants(seconds.get("nextFireTimes"));
        assertThat(Duration.between(tens.get(0), tens.get(1))).isEqualTo(Duration.ofSeconds(10));
        List<Instant> hours = instants(interval.get("nextFireTimes"));
        assertThat(hours).allSatisfy(t -> assertThat(t.getEpochSecond() % 3600).isZero());
        assertThat(interval.get("cron").isNull()).isTrue();
    }

    @Test
    void bad_timing_is_a_422_naming_the_field() {
        problemNaming(
                http.post(SCHEDULES, json("name", prefix + "a", "cron", "61 * * * *", "task", noopTask())),
                422,
                "cron");
        problemNaming(
                http.post(SCHEDULES, json("name", prefix + "a", "cron", "* * * *", "task", noopTask())), 422, "cron");
        problemNaming(
                http.post(
                        SCHEDULES,
                        json(
                                "name",
                                prefix + "a",
                                "cron",
                                "* * * * *",
                                "timeZone",
                                "Mars/Olympus",
                                "task",
                                noopTask())),
                422,
                "timeZone");
        problemNaming(
                http.post(SCHEDULES, json("name", prefix + "a", "intervalSeconds", 0, "task", noopTask())),
                422,
                "intervalSeconds");
        problemNaming(
                http.post(
                        SCHEDULES,
                        json("name", prefix + "a", "cron", "* * * * *", "intervalSeconds", 5, "task", noopTask())),
                422,
                "intervalSeconds");
        problemNaming(http.post(SCHEDULES, json("name", prefix + "a", "task", noopTask())), 422, "cron");
        problemNaming(
                http.post(
                        SCHEDULES,
                        json(
                                "name",
                                prefix + "a",
                                "intervalSeconds",
                                5,
                                "misfirePolicy",
                                "SOMETIMES",
                                "task",
                                noopTask())),
                422,
                "misfirePolicy");
        problemNaming(
                http.post(
                        SCHEDULES,
                        json("name", prefix + "a", "intervalSeconds", 5, "misfireLimit", 0, "task", noopTask())),
                422,
                "misfireLimit");
        assertThat(http.get(SCHEDULES + "/" + prefix + "a").status()).isEqualTo(404);
    }

    @Test
    void bad_targets_are_a_422_naming_the_field() {
        problemNaming(http.post(SCHEDULES, json("name", prefix + "a", "intervalSeconds", 60)), 422, "task");
        problemNaming(
                http.post(SCHEDULES, json("name", prefix + "a", "intervalSeconds", 60, "task", obj("type", ""))),
                422,
                "task.type");
        problemNaming(
                http.post(
                        SCHEDULES,
                        json(
                                "name",
                                prefix + "a",
                                "intervalSeconds",
                                60,
                                "task",
                                obj("type", "noop", "colour", "red"))),
                422,
                "task.colour");
        problemNaming(
                http.post(
                        SCHEDULES,
                        json(
                                "name",
                                prefix + "a",
                                "intervalSeconds",
                                60,
                                "task",
                                noopTask(),
                                "script",
                                obj("name", "x"))),
                422,
                "task");
        problemNaming(
                http.post(
                        SCHEDULES,
                        json("name", prefix + "a", "intervalSeconds", 60, "script", obj("name", prefix + "missing"))),
                422,
                "script.name");
        problemNaming(
                http.post(
                        SCHEDULES,
                        json("name", prefix + "a", "intervalSeconds", 60, "every", "1m", "task", noopTask())),
                422,
                "every");
    }

    @Test
    void a_pipeline_target_names_a_pipeline_and_a_fire_starts_one_run_of_it() {
        JsonNode p = problemNaming(
                http.post(SCHEDULES, json("name", prefix + "p", "intervalSeconds", 60, "pipeline", obj("name", "etl"))),
                422,
                "pipeline.name");
        assertThat(p.toString()).contains("no pipeline with id or name 'etl'");

        String pipeline = prefix + "etl";
        Response saved = http.send(
                "POST",
                "/api/v1/pipelines",
                "name: " + pipeline + "\nsteps: [{id: a, type: noop, queue: " + IDLE + ", payload: \"${params.day}\"}]",
                "application/yaml");
        assertThat(saved.status()).as(saved.toString()).isEqualTo(201);
        String name = prefix + "nightly";
        create(json(
                "name", name, "intervalSeconds", 3600, "pipeline", obj("name", pipeline, "params", obj("day", "mon"))));

        JsonNode fire = http.post(SCHEDULES + "/" + name + "/trigger").json();
        assertThat(fire.get("outcome").asString()).as(fire.toString()).isEqualTo("CREATED");
        JsonNode run = http.get("/api/v1/pipeline-runs/" + fire.get("runId").asString())
                .json();
        assertThat(run.get("pipelineName").asString()).isEqualTo(pipeline);
        assertThat(run.get("params").get("day").asString()).isEqualTo("mon");
        JsonNode task = http.get(
                        "/api/v1/tasks/" + run.get("steps").get(0).get("taskId").asString())
                .json();
        assertThat(task.get("payload").asString()).isEqualTo("mon");
    }

    @Test
    void a_name_is_taken_once() {
        create(json("name", prefix + "x", "intervalSeconds", 60, "task", noopTask()));

        JsonNode p = problem(
                http.post(SCHEDULES, json("name", prefix + "x", "intervalSeconds", 60, "task", noopTask())), 409);
        assertThat(p.get("name").asString()).isEqualTo(prefix + "x");
    }

    @Test
    void pause_resume_and_trigger_work_over_http() {
        String name = prefix + "hourly";
        create(json("name", name, "intervalSeconds", 3600, "task", noopTask()));

        Response paused = http.post(SCHEDULES + "/" + name + "/pause");
        assertThat(paused.status()).as(paused.toString()).isEqualTo(200);
        assertThat(paused.json().get("paused").asBoolean()).isTrue();
        assertThat(paused.json().get("nextFireAt").isNull()).isTrue();
        assertThat(paused.json().get("nextFireTimes")).hasSize(5);

        Response trigger = http.post(SCHEDULES + "/" + name + "/trigger");
        assertThat(trigger.status()).as(trigger.toString()).isEqualTo(201);
        JsonNode fire = trigger.json();
        assertThat(fire.get("manual").asBoolean()).isTrue();
        assertThat(fire.get("slot").isNull()).isTrue();
        assertThat(fire.get("outcome").asString()).isEqualTo("CREATED");
        Response task = http.get("/api/v1/tasks/" + fire.get("taskId").asString());
        assertThat(task.status()).as(task.toString()).isEqualTo(200);
        assertThat(task.json().get("type").asString()).isEqualTo("noop");
        assertThat(task.json().get("queue").asString()).isEqualTo(IDLE);
        assertThat(task.json().get("title").asString()).isEqualTo(name);
        assertThat(task.json().get("tags").get(0).asString()).isEqualTo("cron");

        JsonNode history = fires(name);
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("taskId").asString())
                .isEqualTo(fire.get("taskId").asString());

        Response resumed = http.post(SCHEDULES + "/" + name + "/resume");
        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(200);
        assertThat(resumed.json().get("paused").asBoolean()).isFalse();
        assertThat(Instant.parse(resumed.json().get("nextFireAt").asString()))
                .isAfter(Instant.now().minusSeconds(1));
        assertThat(http.post(SCHEDULES + "/" + prefix + "nope/pause").status()).isEqualTo(404);
        assertThat(http.post(SCHEDULES + "/" + prefix + "nope/trigger").status())
                .isEqualTo(404);
    }

    @Test
    void the_leader_fires_an_every_second_schedule_and_the_history_says_what_each_fire_created() {
        String name = prefix + "every-second";
        create(json("name", name, "intervalSeconds", 1, "task", noopTask()));

        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> fires(name).size() >= 2);
        http.post(SCHEDULES + "/" + name + "/pause");

        JsonNode history = fires(name);
        List<Instant> slots = new ArrayList<>();
        for (JsonNode f : history) {
            assertThat(f.get("manual").asBoolean()).isFalse();
            assertThat(f.get("outcome").asString()).isEqualTo("CREATED");
            Response task = http.get("/api/v1/tasks/" + f.get("taskId").asString());
            assertThat(task.status()).as(task.toString()).isEqualTo(200);
            slots.add(Instant.parse(f.get("slot").asString()));
        }
        // Newest first, one fire per slot, on whole seconds.
        assertThat(slots).doesNotHaveDuplicates();
        assertThat(slots).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(slots).allSatisfy(s -> assertThat(s.getNano()).isZero());
    }

    @Test
    void a_script_schedule_runs_its_script_and_records_a_failure_once_the_script_is_gone() {
        String script = prefix + "report";
        Response created = http.post(
                "/api/v1/scripts",
                json(
                        "name",
                        script,
                        "language",
                        "bash",
                        "content",
                        "echo $TF_PARAM_MONTH\n",
                        "queue",
                        IDLE,
                        "parameters",
                        obj(
                                "type", "object",
                                "required", List.of("month"),
                                "properties", obj("month", obj("type", "string")))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);

        problemNaming(
                http.post(
                        SCHEDULES,
                        json(
                                "name",
                                prefix + "bad",
                                "intervalSeconds",
                                3600,
                                "script",
                                obj("name", script, "params", obj()))),
                422,
                "script.params.month");
        String name = prefix + "monthly";
        JsonNode s = create(json(
                "name",
                name,
                "intervalSeconds",
                3600,
                "script",
                obj("name", script, "params", obj("month", "2026-10"))));
        assertThat(s.get("script").get("name").asString()).isEqualTo(script);
        assertThat(s.get("script").get("params").get("month").asString()).isEqualTo("2026-10");

        JsonNode fire = http.post(SCHEDULES + "/" + name + "/trigger").json();
        JsonNode task =
                http.get("/api/v1/tasks/" + fire.get("taskId").asString()).json();
        assertThat(task.get("type").asString()).isEqualTo("script");
        assertThat(task.get("payload").get("params").get("month").asString()).isEqualTo("2026-10");

        assertThat(http.delete("/api/v1/scripts/" + script).status()).isEqualTo(204);
        JsonNode failed = http.post(SCHEDULES + "/" + name + "/trigger").json();
        assertThat(failed.get("outcome").asString()).isEqualTo("FAILED");
        assertThat(failed.get("taskId").isNull()).isTrue();
        assertThat(failed.get("error").asString()).contains("no script");
        assertThat(fires(name)).hasSize(2);
    }

    @Test
    void patch_put_list_and_delete() {
        String name = prefix + "changing";
        create(json("name", name, "intervalSeconds", 60, "task", noopTask()));

        Response patched = http.patch(
                SCHEDULES + "/" + name, json("cron", "0 3 * * *", "timeZone", "Asia/Tokyo", "misfirePolicy", "SKIP"));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().get("cron").asString()).isEqualTo("0 3 * * *");
        assertThat(patched.json().get("intervalSeconds").isNull()).isTrue();
        assertThat(patched.json().get("misfirePolicy").asString()).isEqualTo("SKIP");
        assertThat(instants(patched.json().get("nextFireTimes")))
                .allSatisfy(t ->
                        assertThat(t.atZone(ZoneId.of("Asia/Tokyo")).getHour()).isEqualTo(3));
        problemNaming(http.patch(SCHEDULES + "/" + name, json("cron", "nonsense")), 422, "cron");
        problemNaming(http.patch(SCHEDULES + "/" + name, json("paused", true)), 422, "paused");

        Response put = http.send(
                "PUT",
                SCHEDULES + "/" + name,
                json("name", name + "-2", "intervalSeconds", 120, "task", obj("type", "sleep", "queue", IDLE)),
                "application/json");
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.json().get("name").asString()).isEqualTo(name + "-2");
        assertThat(put.json().get("cron").isNull()).isTrue();
        assertThat(put.json().get("misfirePolicy").asString()).isEqualTo("FIRE_ONCE");
        assertThat(put.json().get("task").get("type").asString()).isEqualTo("sleep");

        create(json("name", prefix + "zz", "intervalSeconds", 60, "task", noopTask()));
        List<String> names = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 100; page++) {
            Response r = http.get(SCHEDULES + "?limit=1" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            r.json().get("items").forEach(i -> names.add(i.get("name").asString()));
            cursor = r.json().get("nextCursor").isNull()
                    ? null
                    : r.json().get("nextCursor").asString();
            if (cursor == null) {
                break;
            }
        }
        assertThat(names).contains(name + "-2", prefix + "zz").isSorted();
        problemNaming(http.get(SCHEDULES + "?limit=0"), 422, "limit");
        problem(http.get(SCHEDULES + "?cursor=not-a-cursor!"), 400);

        assertThat(http.delete(SCHEDULES + "/" + name + "-2").status()).isEqualTo(204);
        assertThat(http.get(SCHEDULES + "/" + name + "-2").status()).isEqualTo(404);
        assertThat(http.delete(SCHEDULES + "/" + name + "-2").status()).isEqualTo(404);
    }
}
