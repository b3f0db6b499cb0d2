package io.taskforge.handler.builtin;

import io.taskforge.handler.NonRetryableException;
import io.taskforge.handler.TaskContext;
import io.taskforge.handler.TaskHandler;
import io.taskforge.task.TaskError;
import io.taskforge.task.TaskLogLine;
import io.taskforge.task.Texts;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Type {@code shell}: runs {@code [shell, "-c", command]} and succeeds when it exits with 0.
 *
 * <pre>
 * payload: {"command": "make report", "env": {"K": "V"}, "workdir": "/srv/reports", "shell": "/bin/bash"}
 * result:  {"exitCode": 0}
 * </pre>
 *
 * <p>Only {@code command} is required; {@code shell} defaults to {@code /bin/sh}, {@code workdir}
 * to the worker's own, and must exist. The command gets the worker's environment plus {@code env},
 * plus {@code TASKFORGE_TASK_ID} and {@code TASKFORGE_ATTEMPT} (so a script can use the task id
 * as its idempotency key: delivery is at least once). Its stdin is empty ({@code /dev/null}).
 *
 * <p>stdout and stderr go to the task log line by line as they are written (streams
 * {@code stdout} and {@code stderr}). A non-zero exit fails the attempt (retryable) with an
 * {@link ExitCodeException} whose message carries the exit code and the last lines of stderr.
 *
 * <p>A task owns the processes it starts. When the attempt ends, however it ends (exit, timeout
 * or cancel, which interrupt this thread, or an unexpected error), the whole process tree is
 * killed, including processes the command left running in the background. See {@link
 * ProcessTree} for how the tree is found.
 */
public final class ShellHandler implements TaskHandler {
    private static final Logger log = LoggerFactory.getLogger(ShellHandler.class);

    public static final String TYPE = "shell";
    public static final String DEFAULT_SHELL = "/bin/sh";

    /** How many lines of stderr the failure message quotes. */
    static final int TAIL_LINES = 20;

    /**
     * How many characters of stderr the failure message quotes: a little under 4 KiB, so that the
     * whole message fits {@link TaskError#MAX_MESSAGE_CHARS}, which would cut the end, where the
     * last and most telling lines are.
     */
    static final int TAIL_CHARS = TaskError.MAX_MESSAGE_CHARS - 512;

    /** How long killing the tree may take before the survivors are reported and left. */
    private static final Duration KILL_BOUND = Duration.ofSeconds(5);

    /**
     * How long to wait for the output to end once the tree is gone: normally at once, but a
     * process that escaped {@link ProcessTree} may still hold the pipes open.
     */
    private static final Duration DRAIN_AFTER_EXIT = Duration.ofSeconds(5);

    /** Shorter when interrupted: the engine is waiting to report a timeout or a cancel. */
    private static final Duration DRAIN_AFTER_KILL = Duration.ofSeconds(2);

    private static final File NULL_FILE =
            new File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");

    /**
     * The payload. {@code env} values replace the worker's variables of the same name; {@code
     * TASKFORGE_TASK_ID} and {@code TASKFORGE_ATTEMPT} cannot be replaced.
     */
    public record Payload(String command, Map<String, String> env, String workdir, String shell) {}

    public record Result(int exitCode) {}

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Object handle(TaskContext ctx) throws Exception {
        Payload payload = Payloads.read(ctx, Payload.class, TYPE, "{\"command\": \"echo hello\"}");
        ProcessBuilder builder = processBuilder(payload, ctx);
        String shell = builder.command().getFirst();

        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            // Retryable: the shell was checked above, so this is more likely a passing shortage
            // (processes, memory, file descriptors) than a lasting mistake.
            throw new IOException("could not start " + shell + ": " + e.getMessage(), e);
        }
        ctx.log("started " + shell + " -c " + firstLine(payload.command()) + " (pid " + process.pid() + ")");

        String id = ctx.taskId();
        LinePump stdout = LinePump.start(
                process.getInputStream(),
                "taskforge-shell-stdout-" + id,
                line -> ctx.log(TaskLogLine.STDOUT, line),
                TAIL_LINES,
                TAIL_CHARS);
        LinePump stderr = LinePump.start(
                process.getErrorStream(),
                "taskforge-shell-stderr-" + id,
                line -> ctx.log(TaskLogLine.STDERR, line),
                TAIL_LINES,
                TAIL_CHARS);

        ProcessTree tree = new ProcessTree(process);
        int exitCode;
        try {
            exitCode = tree.awaitExit();
        } finally {
            // Runs on every way out: a normal exit (to end what the command left in the
            // background), an interrupt from a timeout or cancel, or an unexpected error.
            ProcessTree.Killed killed = tree.destroy(KILL_BOUND);
            report(ctx, killed);
            Duration drain = killed.rootWasAlive() ? DRAIN_AFTER_KILL : DRAIN_AFTER_EXIT;
            long drainStart = System.nanoTime();
            boolean ended = stdout.awaitEnd(drain);
            ended &= stderr.awaitEnd(drain.minusNanos(System.nanoTime() - drainStart));
            if (!ended) {
                ctx.log("stopped reading the output: a process that escaped the kill still holds it open");
            }
            // Lines that still arrive belong to no attempt any more.
            stdout.close();
            stderr.close();
        }
        if (exitCode == 0) {
            return new Result(0);
        }
        throw new ExitCodeException(exitCode, failureMessage(exitCode, stderr.tail(), stdout.tail()));
    }

    private static ProcessBuilder processBuilder(Payload payload, TaskContext ctx) throws NonRetryableException {
        String command = payload.command();
        Payloads.check(
                command != null && !command.isBlank(),
                "shell payload needs a \"command\", like {\"command\": \"echo hello\"}");
        Payloads.check(command.indexOf('\0') < 0, "shell \"command\" must not contain a NUL character");

        String shell = payload.shell() == null ? DEFAULT_SHELL : payload.shell();
        Payloads.check(!shell.isBlank(), "shell \"shell\" must not be blank (leave it out for " + DEFAULT_SHELL + ")");
        Payloads.check(shell.indexOf('\0') < 0, "shell \"shell\" must not contain a NUL character");
        if (shell.contains("/")) { // a bare name is looked up on the PATH when the process starts
            Path shellPath = path(shell, "shell");
            Payloads.check(
                    Files.isRegularFile(shellPath) && Files.isExecutable(shellPath),
                    "shell \"shell\" " + shell + " is not an executable file on this worker");
        }

        ProcessBuilder builder = new ProcessBuilder(shell, "-c", command);
        if (payload.workdir() != null) {
            Path workdir = path(payload.workdir(), "workdir");
            Payloads.check(
                    Files.isDirectory(workdir),
                    "shell \"workdir\" " + payload.workdir() + " is not a directory on this worker");
            builder.directory(workdir.toFile());
        }

        Map<String, String> env = builder.environment();
        if (payload.env() != null) {
            for (Map.Entry<String, String> e : payload.env().entrySet()) {
                String name = e.getKey();
                Payloads.check(
                        !name.isEmpty() && name.indexOf('=') < 0 && name.indexOf('\0') < 0,
                        "shell \"env\" has an invalid variable name: \"" + name + "\"");
                Payloads.check(e.getValue() != null, "shell \"env\" variable " + name + " has no value");
                Payloads.check(
                        e.getValue().indexOf('\0') < 0,
                        "shell \"env\" variable " + name + " must not contain a NUL character");
                env.put(name, e.getValue());
            }
        }
        env.put("TASKFORGE_TASK_ID", ctx.taskId());
        env.put("TASKFORGE_ATTEMPT", Integer.toString(ctx.attempt()));

        builder.redirectInput(ProcessBuilder.Redirect.from(NULL_FILE));
        return builder;
    }

    private static Path path(String value, String field) throws NonRetryableException {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new NonRetryableException("shell \"" + field + "\" is not a valid path: " + e.getMessage());
        }
    }

    private static void report(TaskContext ctx, ProcessTree.Killed killed) {
        if (killed.rootWasAlive()) {
            ctx.log("killed the command and " + killed.descendants() + " process(es) it started");
        } else if (killed.descendants() > 0) {
            ctx.log("killed " + killed.descendants() + " process(es) the command left running in the background");
        }
        if (!killed.survivors().isEmpty()) {
            ctx.log("could not kill pids " + killed.survivors());
            log.warn("task {}: processes {} survived being killed", ctx.taskId(), killed.survivors());
        }
    }

    static String failureMessage(int exitCode, List<String> stderrTail, List<String> stdoutTail) {
        StringBuilder message = new StringBuilder("command exited with code ").append(exitCode);
        if (exitCode > 128 && exitCode < 160) {
            // Shells report death by signal N as 128 + N: 137 is SIGKILL, often the OOM killer.
            message.append(" (probably killed by signal ")
                    .append(exitCode - 128)
                    .append(')');
        }
        if (!stderrTail.isEmpty()) {
            message.append("; last lines of stderr:");
            stderrTail.forEach(line -> message.append('\n').append(line));
        } else if (!stdoutTail.isEmpty()) {
            // Many scripts print their errors to stdout; better than nothing.
            message.append("; no stderr, last lines of stdout:");
            stdoutTail.forEach(line -> message.append('\n').append(line));
        } else {
            message.append("; no output");
        }
        return message.toString();
    }

    private static String firstLine(String command) {
        String trimmed = command.strip();
        int nl = trimmed.indexOf('\n');
        String first = nl < 0 ? trimmed : trimmed.substring(0, nl) + " …";
        return Texts.truncate(first, 200);
    }
}
