package io.taskforge.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskforge.server.testing.Http;
import io.taskforge.server.testing.TestData;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real {@code ./taskforge} launcher as a user runs it: a server started through it (the
 * executable jar as shipped, not the test class path), then {@code --help} and {@code tasks list}
 * against that server. An integration test (failsafe, after {@code package}): the launcher finds the
 * jar this build just made and starts it at once; only a source changed since would make it build
 * one first, hence the generous limit on the first launch.
 */
class LauncherScriptIT {
    /** The first launch may build the jar; the server then needs a few seconds to be healthy. */
    private static final Duration FIRST_LAUNCH = Duration.ofMinutes(10);

    private static final Duration LAUNCH = Duration.ofMinutes(2);

    record Run(int code, String out, long millis) {}

    @Test
    void a_server_started_by_the_launcher_answers_the_launchers_help_and_tasks_list() throws Exception {
        Path dataDir = LaunchTest.freshDataDir();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String server = "http://127.0.0.1:" + port;
        Path serverLog = logFile("server-");
        Process process = start(
                serverLog,
                TestData.SERVER_ENVIRONMENT,
                "server",
                "--port",
                Integer.toString(port),
                "--data-dir",
                dataDir.toString());
        try {
            awaitHealthy(process, server, serverLog);
            String id = Cli.against(
                            server, "submit", "noop", "--queue", "launcher-idle", "--title", "via launcher", "--json")
                    .json()
                    .get("id")
                    .asString();

            Run help = run(LAUNCH, Map.of(), "--help");
            assertThat(help.code()).as(help.out()).isZero();
            assertThat(help.out()).contains("server", "submit", "tasks", "logs", "backup", "Exit codes");

            // The server comes from the environment, as a user would set it once per shell.
            // So do the credentials: an access token in TASKFORGE_TOKEN.
            String token = new Http(server, Duration.ofSeconds(10)).adminToken();
            Run list = run(
                    LAUNCH,
                    Map.of("TASKFORGE_SERVER", server, "TASKFORGE_TOKEN", token),
                    "tasks",
                    "list",
                    "--queue",
                    "launcher-idle");
            assertThat(list.code()).as(list.out()).isZero();
            assertThat(list.out()).contains(id, "via launcher", "QUEUED");
            System.out.println("./taskforge tasks list took " + list.millis() + " ms (JVM start included)");
        } finally {
            stop(process);
        }
    }

    private static Process start(Path output, Map<String, String> env, String... args) throws IOException {
        Path launcher = Path.of("..", "taskforge").toAbsolutePath().normalize();
        assertThat(launcher).isExecutable();
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().remove("TASKFORGE_SERVER");
        pb.environment().putAll(env);
        return pb.start();
    }

    private static Run run(Duration atMost, Map<String, String> env, String... args) throws Exception {
        Path output = logFile("launcher-");
        long started = System.nanoTime();
        Process process = start(output, env, args);
        try {
            if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("./taskforge " + String.join(" ", args) + " did not end within " + atMost
                        + ":\n" + Files.readString(output));
            }
            return new Run(
                    process.exitValue(),
                    Files.readString(output),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        } finally {
            stop(process);
        }
    }

    private static void awaitHealthy(Process process, String server, Path log) throws Exception {
        Http http = new Http(server, Duration.ofSeconds(2));
        long deadline = System.nanoTime() + FIRST_LAUNCH.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (!process.isAlive()) {
                throw new AssertionError(
                        "./taskforge server exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            if (http.healthy()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(
                "./taskforge server was not healthy within " + FIRST_LAUNCH + ":\n" + Files.readString(log));
    }

    /** SIGTERM first (the server stops gracefully), then SIGKILL; only this test's processes, by handle. */
    private static void stop(Process process) throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private static Path logFile(String prefix) throws IOException {
        return Files.createTempFile(Files.createDirectories(Path.of("target", "process-tests")), prefix, ".log");
    }
}
