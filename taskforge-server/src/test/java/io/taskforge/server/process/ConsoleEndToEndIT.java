package io.taskforge.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskforge.server.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The web console end to end: a real server process on a fresh SQLite file, and the console's
 * Playwright suite ({@code taskforge-console/e2e}) driving the system Chromium against it. The
 * suite's output is the failure message when a spec fails.
 *
 * <p>Chromium is required, not optional: without it the console would ship untested, so a
 * missing browser fails here (CI installs it; locally {@code apt-get install chromium}, or
 * point {@code TASKFORGE_CHROMIUM} at another build).
 */
class ConsoleEndToEndIT {
    private static final Duration SUITE_TIMEOUT = Duration.ofMinutes(20);
    private static final Path CONSOLE =
            Path.of("..", "taskforge-console").toAbsolutePath().normalize();

    @Test
    void the_console_e2e_suite_passes_against_a_real_server() throws Exception {
        String chromium = System.getenv().getOrDefault("TASKFORGE_CHROMIUM", "/usr/bin/chromium");
        assertThat(Path.of(chromium))
                .as("the console's end-to-end tests need Chromium at %s (apt-get install chromium)", chromium)
                .isExecutable();
        assertThat(CONSOLE.resolve("node_modules/@playwright/test"))
                .as("taskforge-console's npm ci has run (the Maven build of that module does it)")
                .isDirectory();

        int port = TaskforgeProcess.freePort();
        Path dataDir = TestData.directory("console-e2e-");
        try (TaskforgeProcess server = TaskforgeProcess.start(
                "console-e2e-server",
                Map.of(),
                "server",
                "--port",
                String.valueOf(port),
                "--data-dir",
                dataDir.toString(),
                "--worker-concurrency",
                "4")) {
            server.awaitHealthy(port, Duration.ofSeconds(120));

            Path output = Files.createDirectories(Path.of("target", "process-tests"))
                    .resolve("console-e2e-" + System.nanoTime() + ".log");
            ProcessBuilder pb = new ProcessBuilder(List.of("npx", "--no-install", "playwright", "test"))
                    .directory(CONSOLE.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            pb.environment().put("TASKFORGE_E2E_URL", "http://127.0.0.1:" + port);
            pb.environment().put("TASKFORGE_E2E_PASSWORD", TestData.ADMIN_PASSWORD);
            pb.environment().put("TASKFORGE_CHROMIUM", chromium);
            pb.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
            pb.environment().put("CI", "1");
            Process suite = pb.start();
            boolean finished = suite.waitFor(SUITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                // Only what this test started: the suite and its children (the browsers), by id.
                suite.descendants().forEach(ProcessHandle::destroyForcibly);
                suite.destroyForcibly();
            }
            String log = Files.readString(output);
            assertThat(finished)
                    .as("the e2e suite did not finish within %s:%n%s", SUITE_TIMEOUT, log)
                    .isTrue();
            assertThat(suite.exitValue())
                    .as("the console's e2e suite failed:%n%s%nserver log:%n%s", log, server.output())
                    .isZero();
        }
    }
}
