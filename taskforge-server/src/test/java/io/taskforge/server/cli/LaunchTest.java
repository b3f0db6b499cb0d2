package io.taskforge.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskforge.client.TaskforgeClient;
import io.taskforge.server.testing.Http;
import io.taskforge.server.testing.TestData;
import io.taskforge.task.Task;
import io.taskforge.task.TaskStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;

/** `taskforge server` and `taskforge worker` as the command line starts them. */
class LaunchTest {

    static Path freshDataDir() throws Exception {
        return TestData.directory("launch-").resolve("data");
    }

    static Map<String, String> settings(String... args) {
        CommandLine.ParseResult parsed = TaskforgeCommand.commandLine().parseArgs(args);
        Object command = parsed.subcommand().commandSpec().userObject();
        return command instanceof ServerCommand s ? s.settings() : ((WorkerCommand) command).settings();
    }

    static Task awaitFinished(TaskforgeClient client, String id) {
        return await().atMost(Duration.ofSeconds(60))
                .until(() -> client.get(id).orElseThrow(), t -> t.status().isFinished());
    }

    @Test
    void a_server_listens_on_loopback_only_and_keeps_its_database_in_the_data_directory() throws Exception {
        Path dataDir = freshDataDir();
        try (ConfigurableApplicationContext ctx = Launcher.start(
                true,
                settings("server", "--port", "0", "--data-dir", dataDir.toString(), "--worker-concurrency", "2"))) {
            assertThat(ctx).isInstanceOf(WebServerApplicationContext.class);
            assertThat(ctx.getEnvironment().getProperty("server.address")).isEqualTo("127.0.0.1");
            assertThat(Files.isRegularFile(dataDir.resolve("taskforge.db"))).isTrue();
            int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();

            assertThat(new Http(port).anonymous().get("/actuator/health").status())
                    .isEqualTo(200);

            TaskforgeClient client = ctx.getBean(TaskforgeClient.class);
            Task task = client.submit("noop", Map.of("n", 1));
            assertThat(awaitFinished(client, task.id()).status()).isEqualTo(TaskStatus.SUCCEEDED);
        }
    }

    @Test
    void a_worker_runs_tasks_without_a_web_server() throws Exception {
        Path dataDir = freshDataDir();
        try (ConfigurableApplicationContext ctx = Launcher.start(
                false,
                settings("worker", "--data-dir", dataDir.toString(), "--queues", "jobs", "--concurrency", "2"))) {
            assertThat(ctx).isNotInstanceOf(WebServerApplicationContext.class);
            TaskforgeClient client = ctx.getBean(TaskforgeClient.class);
            Task task = client.submit(io.taskforge.task.NewTask.ofType("shell")
                    .queue("jobs")
                    .payload("{\"command\": \"echo from the worker\"}")
                    .build());
            assertThat(awaitFinished(client, task.id()).status()).isEqualTo(TaskStatus.SUCCEEDED);
            assertThat(client.logs(task.id(), 0, 10).orElseThrow().items())
                    .extracting(io.taskforge.task.TaskLogLine::line)
                    .contains("from the worker");
        }
    }

    @Test
    void the_shell_handler_can_be_switched_off() throws Exception {
        Path dataDir = freshDataDir();
        try (ConfigurableApplicationContext ctx =
                Launcher.start(false, settings("worker", "--data-dir", dataDir.toString(), "--no-shell"))) {
            TaskforgeClient client = ctx.getBean(TaskforgeClient.class);
            Task task = client.submit(io.taskforge.task.NewTask.ofType("shell")
                    .maxAttempts(1)
                    .payload("{\"command\": \"echo should not run\"}")
                    .build());
            Task done = awaitFinished(client, task.id());
            assertThat(done.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(client.logs(task.id(), 0, 10).orElseThrow().items())
                    .extracting(io.taskforge.task.TaskLogLine::line)
                    .doesNotContain("should not run");
        }
    }
}
