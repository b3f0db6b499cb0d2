package io.taskforge.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real {@code ./taskforge} launcher, as a user runs it, against a running server. An integration
 * test (failsafe, after {@code package}): the jar the launcher runs is the one this build just made,
 * so it finds it fresh and starts at once; a stale jar would make it build one first, hence the
 * generous time limit. Two invocations only.
 */
class LauncherScriptIT {
    /** The first launch may build the jar when a source changed since; later ones start at once. */
    private static final Duration FIRST_LAUNCH = Duration.ofMinutes(10);

    private static final Duration LAUNCH = Duration.ofMinutes(2);

    record Run(int code, String out, long millis) {}

    @Test
    void the_launcher_prints_help_and_lists_tasks_of_a_running_server() throws Exception {
        Path dataDir = LaunchTest.freshDataDir();
        try (ConfigurableApplicationContext ctx =
                Launcher.start(true, LaunchTest.settings("server", "--port", "0", "--data-dir", dataDir.toString()))) {
            int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
            String server = "http://127.0.0.1:" + port;
            String id = Cli.against(
                            server, "submit", "noop", "--queue", "launcher-idle", "--title", "via launcher", "--json")
                    .json()
                    .get("id")
                    .asString();

            Run help = launch(FIRST_LAUNCH, Map.of(), "--help");
            assertThat(help.code()).as(help.out()).isZero();
            assertThat(help.out()).contains("server", "submit", "tasks", "logs", "backup", "Exit codes");

            // The server comes from the environment, as a user would set it once per shell.
            Run list = launch(LAUNCH, Map.of("TASKFORGE_SERVER", server), "tasks", "list", "--queue", "launcher-idle");
            assertThat(list.code()).as(list.out()).isZero();
            assertThat(list.out()).contains(id, "via launcher", "QUEUED");
            System.out.println("./taskforge tasks list took " + list.millis() + " ms (JVM start included)");
        }
    }

    private static Run launch(Duration atMost, Map<String, String> env, String... args) throws Exception {
        Path launcher = Path.of("..", "taskforge").toAbsolutePath().normalize();
        assertThat(launcher).isExecutable();
        Path output =
                Files.createTempFile(Files.createDirectories(Path.of("target", "process-tests")), "launcher-", ".log");
        List<String> command = new java.util.ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().remove("TASKFORGE_SERVER");
        pb.environment().putAll(env);
        long started = System.nanoTime();
        Process process = pb.start();
        try {
            if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("./taskforge " + String.join(" ", args) + " did not end within " + atMost
                        + ":\n" + read(output));
            }
            return new Run(
                    process.exitValue(),
                    read(output),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        } finally {
            // Only what this test started, by its process handles.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file);
    }
}
