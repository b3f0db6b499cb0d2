package io.taskforge.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskforge.server.cli.Cli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * {@code taskforge schedules ...} against a whole server over real HTTP, each command run as the
 * jar's main runs it. Subclasses pick the store. Scheduled tasks go to a queue nobody serves.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"taskforge.worker.queues=default", "taskforge.worker.shutdown-grace=2s"})
abstract class ScheduleCliContract {
    static final Duration WAIT = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    String prefix;

    @BeforeEach
    void name() {
        prefix = "c" + UUID.randomUUID().toString().substring(0, 8) + "-";
    }

    Result cli(String... args) {
        return Cli.against("http://127.0.0.1:" + port, args);
    }

    Result ok(String... args) {
        Result r = cli(args);
        assertThat(r.code()).as(r.toString()).isZero();
        return r;
    }

    @Test
    void add_a_cron_schedule_list_it_and_get_its_next_fire_times() {
        String name = prefix + "backup";
        Result added = ok(
                "schedules",
                "add",
                name,
                "--cron",
                "*/5 * * * *",
                "--zone",
                "Europe/Berlin",
                "--type",
                "shell",
                "--payload",
                "{\"command\": \"echo hi\"}",
                "--queue",
                "idle-cli",
                "--misfire",
                "fire_all",
                "--misfire-limit",
                "4");

        assertThat(added.out())
                .contains("added schedule '" + name + "'", "task shell", "cron '*/5 * * * *' (Europe/Berlin)");
        assertThat(ok("schedules", "list").out()).contains(name, "active", "FIRE_ALL");
        JsonNode s = ok("schedules", "get", name, "--json").json();
        assertThat(s.get("nextFireTimes")).hasSize(5);
        assertThat(s.get("misfireLimit").asInt()).isEqualTo(4);
        assertThat(s.get("task").get("payload").get("command").asString()).isEqualTo("echo hi");
        Result get = ok("schedules", "get", name);
        assertThat(get.out()).contains("next fire times:");
        assertThat(get.err()).contains("no fires yet");
    }

    @Test
    void pause_trigger_resume_and_delete() {
        String name = prefix + "ping";
        ok("schedules", "add", name, "--every", "1h", "--type", "noop", "--queue", "idle-cli");

        assertThat(ok("schedules", "pause", name).out()).contains("paused");
        Result fired = ok("schedules", "trigger", name, "--json");
        String taskId = fired.json().get("taskId").asString();
        assertThat(ok("tasks", "get", taskId, "--json").json().get("type").asString())
                .isEqualTo("noop");
        assertThat(ok("schedules", "get", name).out()).contains("manual", "CREATED", taskId);
        assertThat(ok("schedules", "resume", name).out()).contains("next fire");
        ok("schedules", "delete", name);
        assertThat(cli("schedules", "get", name).code()).isEqualTo(4);
    }

    @Test
    void a_script_schedule_takes_its_parameters_typed_by_the_script_schema() throws Exception {
        String script = prefix + "report";
        Path file = Files.createTempFile(script, ".sh");
        Files.writeString(file, "echo $TF_PARAM_PAGES\n");
        Path schema = Files.createTempFile(script, ".json");
        Files.writeString(schema, "{\"type\": \"object\", \"properties\": {\"pages\": {\"type\": \"integer\"}}}");
        ok("scripts", "add", file.toString(), "--name", script, "--schema", schema.toString(), "--queue", "idle-cli");

        String name = prefix + "monthly";
        ok("schedules", "add", name, "--cron", "0 6 1 * *", "--script", script, "--param", "pages=3");

        JsonNode s = ok("schedules", "get", name, "--json").json();
        assertThat(s.get("script").get("params").get("pages").isInt()).isTrue();
        JsonNode fire = ok("schedules", "trigger", name, "--json").json();
        assertThat(ok("tasks", "get", fire.get("taskId").asString(), "--json")
                        .json()
                        .get("type")
                        .asString())
                .isEqualTo("script");
    }

    @Test
    void bad_input_is_refused_before_or_by_the_server() {
        assertThat(cli("schedules", "add", prefix + "x", "--type", "noop").code())
                .isEqualTo(2);
        assertThat(cli("schedules", "add", prefix + "x", "--every", "1m").code())
                .isEqualTo(2);
        assertThat(cli("schedules", "add", prefix + "x", "--every", "1m", "--cron", "* * * * *", "--type", "noop")
                        .code())
                .isEqualTo(2);
        Result badCron = cli("schedules", "add", prefix + "x", "--cron", "99 * * * *", "--type", "noop");
        assertThat(badCron.code()).as(badCron.toString()).isEqualTo(4);
        assertThat(badCron.err()).contains("cron");
        Result pipeline = cli("schedules", "add", prefix + "x", "--every", "1m", "--pipeline", "etl");
        assertThat(pipeline.code()).as(pipeline.toString()).isEqualTo(4);
        assertThat(pipeline.err()).contains("no pipeline with id or name 'etl'");
    }

    @Test
    void an_every_second_schedule_fires_through_the_leader() {
        String name = prefix + "tick";
        ok("schedules", "add", name, "--every", "1s", "--type", "noop", "--queue", "idle-cli");

        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(300))
                .until(() -> ok("schedules", "get", name).out().contains("CREATED"));
        ok("schedules", "pause", name);
    }
}
