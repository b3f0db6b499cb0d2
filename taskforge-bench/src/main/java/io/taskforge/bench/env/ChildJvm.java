package io.taskforge.bench.env;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A {@code taskforge server} or {@code taskforge worker} process started from the executable jar,
 * as {@code ./taskforge} starts it, with its output in a file of the work directory. Stopping sends
 * SIGTERM and, if the process does not end within a minute, SIGKILL: only this process, by its id.
 */
public final class ChildJvm implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path output;

    private ChildJvm(String name, Process process, Path output) {
        this.name = name;
        this.process = process;
        this.output = output;
    }

    /**
     * Starts {@code java [jvmOptions] -jar serverJar args...}.
     *
     * @param java the java command (the harness's own JDK)
     */
    public static ChildJvm start(
            String name, String java, List<String> jvmOptions, Path serverJar, Path workDir, List<String> args)
            throws IOException {
        return start(name, java, jvmOptions, serverJar, workDir, args, Map.of());
    }

    /** As {@link #start(String, String, List, Path, Path, List)}, with {@code env} added to the environment. */
    public static ChildJvm start(
            String name,
            String java,
            List<String> jvmOptions,
            Path serverJar,
            Path workDir,
            List<String> args,
            Map<String, String> env)
            throws IOException {
        if (!Files.isRegularFile(serverJar)) {
            throw new IOException("no server jar at " + serverJar + " (./taskforge bench builds it)");
        }
        Path output = Files.createDirectories(workDir).resolve(name + "-" + System.nanoTime() + ".log");
        List<String> command = new ArrayList<>();
        command.add(java);
        // sqlite-jdbc loads a native library, which JDK 24+ only allows with this flag (as ./taskforge does).
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(serverJar.toAbsolutePath().toString());
        command.addAll(args);
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        pb.environment().putAll(env);
        ChildJvm child = new ChildJvm(name, pb.start(), output);
        Leftovers.add(child);
        return child;
    }

    /** A TCP port that was free a moment ago, for a server to listen on. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Waits until {@code GET /actuator/health} on {@code port} answers 200. */
    public void awaitHealthy(int port, Duration atMost) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        await("answer /actuator/health", atMost, () -> {
            try {
                return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    /** Waits until {@code condition} holds, failing with this process's output if it exits first. */
    public void await(String what, Duration atMost, BooleanSupplier condition)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (!process.isAlive()) {
                throw new IOException(
                        name + " exited with " + process.exitValue() + " before it did " + what + ":\n" + tail());
            }
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IOException(name + " did not " + what + " within " + atMost + ":\n" + tail());
    }

    /** Resident memory now, in KiB, from /proc/PID/status. */
    public long rssKiB() {
        return ProcStats.rssKiB(process.pid());
    }

    /** CPU time (user + system, all threads) used so far, in seconds. */
    public double cpuSeconds() {
        return ProcStats.cpuSeconds(process.pid());
    }

    @Override
    public String toString() {
        return name + " process " + process.pid();
    }

    /** The last lines of the process's output. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(output);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, then SIGKILL after a minute. */
    @Override
    public void close() throws InterruptedException {
        Leftovers.remove(this);
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
