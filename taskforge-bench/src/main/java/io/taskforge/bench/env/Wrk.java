package io.taskforge.bench.env;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs wrk (the Debian package) and reads its {@code --latency} report: requests per second, the
 * 50th and 99th percentile, and every request that failed (socket errors, non-2xx answers).
 */
public final class Wrk {
    private static final String THREAD_DONE = "taskforge-wrk-thread-done";
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s*(50|99)(?:\\.0+)?%\\s+([0-9.]+)(us|ms|s|m)\\s*$");
    private static final Pattern SOCKET_ERRORS =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

    /** What one run measured. {@code errors} counts socket errors and answers other than 2xx/3xx. */
    public record Result(double requestsPerSecond, long requests, double p50Millis, double p99Millis, long errors) {}

    private Wrk() {}

    /** Fails with a message that says how to get wrk when it is not installed. */
    public static void requireInstalled() throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException(
                    "wrk is not installed: workload D needs it (apt-get install wrk; .ci/run installs it)", e);
        }
        p.getInputStream().readAllBytes();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    /**
     * Runs wrk against {@code url}; with a non-null {@code luaScript} (a file) wrk runs that script,
     * e.g. to POST; a non-null {@code bearer} is sent as {@code Authorization: Bearer}.
     */
    public static Result run(String url, int threads, int connections, Duration duration, Path luaScript, String bearer)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command(url, threads, connections, duration, luaScript, bearer))
                .redirectErrorStream(true)
                .start();
        return finish(p, duration, new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static List<String> command(
            String url, int threads, int connections, Duration duration, Path luaScript, String bearer) {
        List<String> command = new ArrayList<>(List.of(
                "wrk",
                "--latency",
                "-t",
                Integer.toString(threads),
                "-c",
                Integer.toString(Math.max(connections, threads)),
                "-d",
                Math.max(1, duration.toSeconds()) + "s",
                "--timeout",
                "10s"));
        if (bearer != null) {
            command.add("-H");
            command.add("Authorization: Bearer " + bearer);
        }
        if (luaScript != null) {
            command.add("-s");
            command.add(luaScript.toString());
        }
        command.add(url);
        return command;
    }

    private static Result finish(Process p, Duration duration, String output) throws IOException, InterruptedException {
        if (!p.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("wrk did not finish:\n" + output);
        }
        if (p.exitValue() != 0) {
            throw new IOException("wrk failed with exit code " + p.exitValue() + ":\n" + output);
        }
        return parse(output);
    }

    /** Reads wrk's {@code --latency} report. */
    public static Result parse(String output) throws IOException {
        Matcher rate = RATE.matcher(output);
        Matcher total = TOTAL.matcher(output);
        if (!rate.find() || !total.find()) {
            throw new IOException("cannot read wrk's report:\n" + output);
        }
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        for (String line : output.split("\n")) {
            Matcher m = PERCENTILE.matcher(line);
            if (m.matches()) {
                double ms = millis(Double.parseDouble(m.group(2)), m.group(3));
                if (m.group(1).equals("50")) {
                    p50 = ms;
                } else {
                    p99 = ms;
                }
            }
        }
        long errors = 0;
        Matcher socket = SOCKET_ERRORS.matcher(output);
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                errors += Long.parseLong(socket.group(g));
            }
        }
        Matcher non2xx = NON_2XX.matcher(output);
        if (non2xx.find()) {
            errors += Long.parseLong(non2xx.group(1));
        }
        return new Result(Double.parseDouble(rate.group(1)), Long.parseLong(total.group(1)), p50, p99, errors);
    }

    /** A Lua script that makes wrk POST {@code body} as JSON, written to a temporary file. */
    public static Path postScript(Path dir, String body) throws IOException {
        Path script = Files.createTempFile(Files.createDirectories(dir), "wrk-post-", ".lua");
        String escaped = body.replace("\\", "\\\\").replace("'", "\\'");
        Files.writeString(
                script,
                "wrk.method = 'POST'\n" + "wrk.body = '" + escaped + "'\n"
                        + "wrk.headers['Content-Type'] = 'application/json'\n");
        return script;
    }

    /**
     * Makes wrk POST {@code body} as JSON {@code total} times in all, from {@code threads} threads
     * with one keep-alive connection each, every thread sending its next request when the last is
     * answered; at most {@code bound}. wrk has no request count: each thread stops after its share
     * and says so on its output, and when all have, wrk is interrupted (SIGINT), which makes it
     * print its report at once instead of sleeping out its duration.
     */
    public static Result runCounted(
            Path dir, String url, String body, int total, int threads, Duration bound, String bearer)
            throws IOException, InterruptedException {
        Path script = postScript(dir, body);
        Files.writeString(
                script,
                "local total, threads, assigned = " + total + ", " + threads + ", 0\n"
                        + "function setup(thread)\n"
                        + "  local share = math.floor(total / threads)\n"
                        + "  if assigned < total % threads then share = share + 1 end\n"
                        + "  assigned = assigned + 1\n"
                        + "  thread:set('share', share)\n"
                        + "end\n"
                        + "local answered = 0\n"
                        + "function response(status, headers, body)\n"
                        + "  answered = answered + 1\n"
                        + "  if answered == share then\n"
                        + "    io.stdout:write('" + THREAD_DONE + "\\n')\n"
                        + "    io.stdout:flush()\n"
                        + "    wrk.thread:stop()\n"
                        + "  end\n"
                        + "end\n",
                StandardOpenOption.APPEND);
        Process p = new ProcessBuilder(command(url, threads, threads, bound, script, bearer))
                .redirectErrorStream(true)
                .start();
        StringBuilder output = new StringBuilder();
        int done = 0;
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.equals(THREAD_DONE)) {
                    if (++done == threads) {
                        new ProcessBuilder("kill", "-INT", Long.toString(p.pid()))
                                .inheritIO()
                                .start()
                                .waitFor();
                    }
                } else {
                    output.append(line).append('\n');
                }
            }
        }
        return finish(p, bound, output.toString());
    }

    private static double millis(double value, String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "us" -> value / 1000;
            case "ms" -> value;
            case "s" -> value * 1000;
            case "m" -> value * 60_000;
            default -> Double.NaN;
        };
    }
}
