package io.taskforge.handler.builtin;

import io.taskforge.handler.NonRetryableException;
import io.taskforge.handler.TaskContext;
import io.taskforge.handler.TaskHandler;
import io.taskforge.json.JsonCodec;
import io.taskforge.json.RawJson;
import io.taskforge.script.ScriptLanguage;
import io.taskforge.script.ScriptService;
import io.taskforge.script.ScriptStore;
import io.taskforge.script.ScriptVersion;
import io.taskforge.task.TaskLogLine;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Type {@code script}: runs one pinned version of a stored script (see {@link ScriptService}).
 *
 * <pre>
 * payload: {"scriptId": "…", "script": "nightly-report", "version": 3, "params": {"day": "2026-01-31", "dryRun": true}}
 * result:  the last line of stdout when it is a JSON object, else {"exitCode": 0}
 * </pre>
 *
 * <p>The version is read through the {@link ScriptStore} (deleted scripts included), written to a
 * temporary file readable by the worker's user only, and run as {@code /bin/bash FILE}, {@code
 * /bin/sh FILE} or {@code python3 FILE} ({@code python3} found on the worker's {@code PATH}). The
 * file is removed when the attempt ends, however it ends. The script runs in the worker's working
 * directory with the worker's environment, plus:
 *
 * <ul>
 *   <li>each parameter as {@code TF_PARAM_<NAME>}: the name upper-cased, every character other
 *       than A-Z and 0-9 replaced by {@code _}; strings as they are, other values as JSON text
 *       ({@code 42}, {@code true}, {@code {"a":1}}), null as an empty string. A value over {@value
 *       #MAX_ENV_VALUE_BYTES} bytes, or holding a NUL character, is left out of the environment
 *       (the log says so) and is read from stdin instead; so is the second of two names that map
 *       to the same variable. Inherited {@code TF_PARAM_*} variables are removed, so a script sees
 *       only its own parameters.
 *   <li>{@code TASKFORGE_TASK_ID}, {@code TASKFORGE_ATTEMPT} (as for {@code shell}), {@code
 *       TASKFORGE_SCRIPT} and {@code TASKFORGE_SCRIPT_VERSION}.
 * </ul>
 *
 * <p>The parameters also arrive as one JSON object on stdin, which is then closed. stdout and
 * stderr go to the task log line by line. When the script exits with 0 and the last non-empty line
 * of stdout is a JSON object, that object is the task's result; lines are cut at {@link
 * TaskLogLine#MAX_LINE_CHARS} characters, so a result must fit in one log line. A non-zero exit
 * fails the attempt (retryable) like {@code shell}; a missing interpreter or script version fails
 * the task at once. Timeouts and cancels kill the whole process tree, as {@link ShellHandler}
 * does.
 *
 * <p>Running a script is running code: the server switches this handler off together with {@code
 * shell}.
 */
public final class ScriptHandler implements TaskHandler {
    private static final Logger log = LoggerFactory.getLogger(ScriptHandler.class);

    public static final String TYPE = ScriptService.TASK_TYPE;

    /**
     * Linux refuses to start a process with one environment string over 128 KiB ({@code
     * MAX_ARG_STRLEN}); staying below it, with room for the name, keeps such values from failing
     * the start.
     */
    static final int MAX_ENV_VALUE_BYTES = 100_000;

    static final String PARAM_PREFIX = "TF_PARAM_";

    private static final Pattern NOT_ALNUM = Pattern.compile("[^A-Z0-9]");
    private static final ProcessRunner RUNNER = new ProcessRunner(ScriptHandler.class, "taskforge-script", "script");
    private static final String EXAMPLE = "{\"scriptId\": \"…\", \"script\": \"name\", \"version\": 1, \"params\": {}}";

    /** The pinned script version and the run's parameters. */
    public record Payload(String scriptId, String script, Integer version, Map<String, Object> params) {}

    /** The result when the script's last line is not a JSON object. */
    public record Result(int exitCode) {}

    private final ScriptStore scripts;
    private final JsonCodec json;
    private final Function<String, String> environment;

    public ScriptHandler(ScriptStore scripts, JsonCodec json) {
        this(scripts, json, System::getenv);
    }

    /** {@code environment} stands in for the worker's environment when looking for interpreters. */
    ScriptHandler(ScriptStore scripts, JsonCodec json, Function<String, String> environment) {
        this.scripts = Objects.requireNonNull(scripts, "scripts");
        this.json = Objects.requireNonNull(json, "json");
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Object handle(TaskContext ctx) throws Exception {
        Payload payload = Payloads.read(ctx, Payload.class, TYPE, EXAMPLE);
        Payloads.check(
                payload.scriptId() != null && !payload.scriptId().isBlank(),
                "script payload needs a \"scriptId\", like " + EXAMPLE);
        Payloads.check(
                payload.version() != null && payload.version() >= 1,
                "script payload needs a \"version\" of 1 or more, like " + EXAMPLE);
        String label = (payload.script() == null ? payload.scriptId() : payload.script()) + " v" + payload.version();
        ScriptVersion version = scripts.scriptVersionGet(payload.scriptId(), payload.version())
                .orElseThrow(() -> new NonRetryableException("script " + label + " (id " + payload.scriptId()
                        + ") does not exist: the task names a script version that was never stored"));
        List<String> interpreter = interpreter(version.language());
        Map<String, Object> params = payload.params() == null ? Map.of() : payload.params();

        Path file = writeScript(version);
        try {
            List<String> command = new ArrayList<>(interpreter);
            command.add(file.toString());
            ProcessBuilder builder = new ProcessBuilder(command);
            setEnvironment(builder.environment(), params, ctx, payload, version);
            return run(builder, label, params, ctx);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("task {}: could not remove the script file {}: {}", ctx.taskId(), file, e.toString());
            }
        }
    }

    private Object run(ProcessBuilder builder, String label, Map<String, Object> params, TaskContext ctx)
            throws Exception {
        Process process = ProcessRunner.start(builder);
        ctx.log("started script " + label + " with " + builder.command().getFirst() + " (pid " + process.pid() + ")");
        feedStdin(process, json.write(params), ctx.taskId());
        LastLine lastLine = new LastLine();
        RUNNER.run(ctx, process, lastLine::offer);
        return result(lastLine.get(), ctx);
    }

    /** The last stdout line as the result when it is a JSON object; the exit code otherwise. */
    private Object result(String last, TaskContext ctx) {
        if (last != null) {
            String candidate = last.strip();
            if (candidate.startsWith("{")) {
                if (json.isValid(candidate)) {
                    return new RawJson(candidate);
                }
                if (last.length() >= TaskLogLine.MAX_LINE_CHARS) {
                    ctx.log("the last line of stdout is longer than " + TaskLogLine.MAX_LINE_CHARS
                            + " characters and was cut, so it is not the result");
                }
            }
        }
        return new Result(0);
    }

    /**
     * Writes the parameters to the script's stdin and closes it, on a thread of its own: a script
     * that does not read stdin must not hold up the task (the write then ends with a broken pipe,
     * or when the process is gone).
     */
    private static void feedStdin(Process process, String params, String taskId) {
        OutputStream stdin = process.getOutputStream();
        Thread.ofVirtual().name("taskforge-script-stdin-" + taskId).start(() -> {
            try (stdin) {
                stdin.write(params.getBytes(StandardCharsets.UTF_8));
                stdin.write('\n');
            } catch (IOException e) {
                log.debug("task {}: the script did not read all of stdin: {}", taskId, e.toString());
            }
        });
    }

    private void setEnvironment(
            Map<String, String> env,
            Map<String, Object> params,
            TaskContext ctx,
            Payload payload,
            ScriptVersion version) {
        env.keySet().removeIf(name -> name.startsWith(PARAM_PREFIX));
        Map<String, String> taken = new LinkedHashMap<>();
        for (Map.Entry<String, Object> p : params.entrySet()) {
            String name = variableName(p.getKey());
            String value = variableValue(p.getValue());
            if (taken.containsKey(name)) {
                ctx.log("parameter \"" + p.getKey() + "\" maps to " + name + " like \"" + taken.get(name)
                        + "\" before it; it is only on stdin");
            } else if (value.indexOf('\0') >= 0) {
                ctx.log("parameter \"" + p.getKey() + "\" holds a NUL character, which an environment variable"
                        + " cannot; it is only on stdin");
            } else if (value.length() > MAX_ENV_VALUE_BYTES / 4
                    && value.getBytes(StandardCharsets.UTF_8).length > MAX_ENV_VALUE_BYTES) {
                ctx.log("parameter \"" + p.getKey() + "\" is longer than " + MAX_ENV_VALUE_BYTES
                        + " bytes, too long for an environment variable; it is only on stdin");
            } else {
                taken.put(name, p.getKey());
                env.put(name, value);
            }
        }
        ProcessRunner.putTaskVariables(env, ctx);
        env.put("TASKFORGE_SCRIPT", payload.script() == null ? "" : payload.script());
        env.put("TASKFORGE_SCRIPT_VERSION", Integer.toString(version.version()));
    }

    /** {@code TF_PARAM_} and the name upper-cased, every character but A-Z and 0-9 made {@code _}. */
    static String variableName(String param) {
        return PARAM_PREFIX + NOT_ALNUM.matcher(param.toUpperCase(Locale.ROOT)).replaceAll("_");
    }

    private String variableValue(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String s) {
            return s;
        }
        return json.write(value);
    }

    private List<String> interpreter(ScriptLanguage language) throws NonRetryableException {
        return switch (language) {
            case BASH -> List.of(installed("/bin/bash", "bash"));
            case SH -> List.of(installed("/bin/sh", "sh"));
            case PYTHON ->
                List.of(onPath("python3")
                        .orElseThrow(() -> new NonRetryableException(
                                "python3 is not on this worker's PATH: install Python 3 on the worker to run python"
                                        + " scripts")));
        };
    }

    private static String installed(String path, String name) throws NonRetryableException {
        Path p = Path.of(path);
        Payloads.check(
                Files.isRegularFile(p) && Files.isExecutable(p),
                name + " is not installed on this worker (" + path + " is missing): it cannot run " + name
                        + " scripts");
        return path;
    }

    /** The first executable {@code name} in the directories of {@code PATH}. */
    Optional<String> onPath(String name) {
        String path = environment.apply("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(Pattern.quote(File.pathSeparator))) {
            if (dir.isEmpty()) {
                continue;
            }
            try {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate.toAbsolutePath().toString());
                }
            } catch (InvalidPathException e) {
                // A PATH entry that is no path names no interpreter.
            }
        }
        return Optional.empty();
    }

    /** The version's content in a new temporary file that only the worker's user can read. */
    private static Path writeScript(ScriptVersion version) throws IOException {
        String prefix = "taskforge-script-";
        String suffix = version.language().fileSuffix();
        Path file = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.createTempFile(
                        prefix,
                        suffix,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(prefix, suffix);
        try {
            Files.writeString(file, version.content(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return file;
    }

    /** The last non-empty line of a stream, written by its pump's thread, read after it ended. */
    private static final class LastLine {
        private volatile String line;

        void offer(String candidate) {
            if (!candidate.isBlank()) {
                line = candidate;
            }
        }

        String get() {
            return line;
        }
    }
}
