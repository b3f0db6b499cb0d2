package io.taskforge.server.process;

import io.taskforge.server.testing.Http;
import io.taskforge.server.testing.TestData;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code taskforge} process (the same main class as the executable jar, on the test class
 * path), for tests that kill and restart processes. Its output goes to a file under {@code
 * target/}, which the tests print when something goes wrong.
 */
final class TaskforgeProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path output;
    private List<ProcessHandle> descendants = List.of();

    private TaskforgeProcess(String name, Process process, Path output) {
        this.name = name;
        this.process = process;
        this.output = output;
    }

    /**
     * Starts {@code taskforge ARGS} with a short lease (so a killed worker's tasks come back within
     * seconds, not the default half minute) plus the given environment.
     */
    static TaskforgeProcess start(String name, Map<String, String> env, String... args) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "process-tests"));
        Path output = dir.resolve(name + "-" + System.nanoTime() + ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                "io.taskforge.server.cli.TaskforgeCommand"));
        command.addAll(List.of(args));
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        pb.environment().putAll(TestData.SERVER_ENVIRONMENT);
        pb.environment().put("TASKFORGE_WORKER_LEASE_DURATION", "3s");
        pb.environment().put("TASKFORGE_WORKER_HEARTBEAT_INTERVAL", "1s");
        pb.environment().put("TASKFORGE_WORKER_POLL_INTERVAL", "200ms");
        pb.environment().put("TASKFORGE_WORKER_SHUTDOWN_GRACE", "5s");
        pb.environment().putAll(env);
        return new TaskforgeProcess(name, pb.start(), output);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until {@code GET /actuator/health} answers 200 (servers only). */
    void awaitHealthy(int port, Duration atMost) throws Exception {
        Http http = new Http("http://127.0.0.1:" + port, Duration.ofSeconds(2));
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + output());
            }
            if (http.healthy()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(name + " was not healthy within " + atMost + ":\n" + output());
    }

    /** Waits until the output contains {@code text}. */
    void awaitOutput(String text, Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            if (output().contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + output());
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " did not print '" + text + "' within " + atMost + ":\n" + output());
    }

    /**
     * SIGKILL, as the kernel's OOM killer or a pulled plug would: no shutdown hook runs. Remembers the
     * process's children (a shell task's commands), which outlive it and are ended by {@link #close()}.
     */
    void kill() throws InterruptedException {
        descendants = process.descendants().toList();
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " did not die from SIGKILL");
        }
    }

    /** SIGTERM: the graceful stop a service manager sends. */
    int terminate(Duration atMost) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " did not stop within " + atMost + " of SIGTERM:\n" + output());
        }
        return process.exitValue();
    }

    String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            descendants = process.descendants().toList();
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        // Only the processes this test started, found by their ids.
        for (ProcessHandle child : descendants) {
            child.destroyForcibly();
        }
    }
}
