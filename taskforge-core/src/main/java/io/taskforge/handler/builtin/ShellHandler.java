package io.taskforge.handler.builtin;

import io.taskforge.handler.NonRetryableException;
import io.taskforge.handler.TaskContext;
import io.taskforge.handler.TaskHandler;
import io.taskforge.json.JsonCodec;
import io.taskforge.json.RawJson;
import io.taskforge.task.Texts;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Type {@code shell}: runs {@code [shell, "-c", command]} and succeeds when it exits with 0.
 *
 * <pre>
 * payload: {"command": "make report", "env": {"K": "V"}, "workdir": "/srv/reports", "shell": "/bin/bash",
 *           "jsonResult": true}
 * result:  {"exitCode": 0}, or with "jsonResult": true the last line of stdout when it is a JSON object
 * </pre>
 *
 * <p>{@code jsonResult} lets a command hand data to the steps after it in a pipeline, as a stored
 * script always does: its last non-empty line of stdout, when it is a JSON object, becomes the
 * task's result. It is off unless asked for, so commands that happen to end with JSON keep their
 * result.
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
    public static final String TYPE = "shell";
    public static final String DEFAULT_SHELL = "/bin/sh";

    private static final ProcessRunner RUNNER = new ProcessRunner(ShellHandler.class, "taskforge-shell", "command");

    private static final File NULL_FILE =
            new File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");

    /**
     * The payload. {@code env} values replace the worker's variables of the same name; {@code
     * TASKFORGE_TASK_ID} and {@code TASKFORGE_ATTEMPT} cannot be replaced. A value that is not text
     * (a number, a list or object a pipeline step got from the steps before it) is passed as its
     * JSON text.
     */
    public record Payload(String command, Map<String, Object> env, String workdir, String shell, Boolean jsonResult) {}

    public record Result(int exitCode) {}

    /** Reads {@code jsonResult} lines; null when the handler was built without one (then the option is ignored). */
    private final JsonCodec json;

    public ShellHandler() {
        this(null);
    }

    public ShellHandler(JsonCodec json) {
        this.json = json;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Object handle(TaskContext ctx) throws Exception {
        Payload payload = Payloads.read(ctx, Payload.class, TYPE, "{\"command\": \"echo hello\"}");
        ProcessBuilder builder = processBuilder(payload, ctx, json);
        String shell = builder.command().getFirst();

        Process process = ProcessRunner.start(builder);
        ctx.log("started " + shell + " -c " + firstLine(payload.command()) + " (pid " + process.pid() + ")");
        if (json == null || !Boolean.TRUE.equals(payload.jsonResult())) {
            RUNNER.run(ctx, process, line -> {});
            return new Result(0);
        }
        // Written by the stdout pump's thread, read once the process ended.
        AtomicReference<String> last = new AtomicReference<>();
        RUNNER.run(ctx, process, line -> {
            if (!line.isBlank()) {
                last.set(line);
            }
        });
        String candidate = last.get() == null ? "" : last.get().strip();
        if (candidate.startsWith("{") && json.isValid(candidate)) {
            return new RawJson(candidate);
        }
        ctx.log("jsonResult: the last line of stdout is not a JSON object, so the result is the exit code");
        return new Result(0);
    }

    private static ProcessBuilder processBuilder(Payload payload, TaskContext ctx, JsonCodec json)
            throws NonRetryableException {
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
            for (Map.Entry<String, Object> e : payload.env().entrySet()) {
                String name = e.getKey();
                Payloads.check(
                        !name.isEmpty() && name.indexOf('=') < 0 && name.indexOf('\0') < 0,
                        "shell \"env\" has an invalid variable name: \"" + name + "\"");
                Payloads.check(e.getValue() != null, "shell \"env\" variable " + name + " has no value");
                String value = e.getValue() instanceof String text
                        ? text
                        : json != null ? json.write(e.getValue()) : String.valueOf(e.getValue());
                Payloads.check(
                        value.indexOf('\0') < 0,
                        "shell \"env\" variable " + name + " must not contain a NUL character");
                env.put(name, value);
            }
        }
        ProcessRunner.putTaskVariables(env, ctx);

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

    private static String firstLine(String command) {
        String trimmed = command.strip();
        int nl = trimmed.indexOf('\n');
        String first = nl < 0 ? trimmed : trimmed.substring(0, nl) + " …";
        return Texts.truncate(first, 200);
    }
}
