package io.taskforge.server.cli.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code taskforge submit TYPE ...}: creates a task ({@code POST /api/v1/tasks}), optionally waiting for it. */
@Command(
        name = "submit",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Submits a task and prints it; with --wait follows it to the end, printing its log.",
            "Example: taskforge submit shell --payload '{\"command\": \"echo hi\"}' --wait"
        })
public final class SubmitCommand implements Callable<Integer> {
    static final List<String> PRIORITIES = List.of("LOW", "NORMAL", "HIGH", "URGENT");

    @Spec
    CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "TYPE",
            description = "The task type: shell, http, sleep, noop, script or one your handlers add.")
    String type;

    @Option(
            names = "--payload",
            paramLabel = "JSON|@FILE|-",
            description = "The task's input: JSON text, @FILE for a file's content, - for standard input.")
    String payload;

    @Option(names = "--title", paramLabel = "TEXT", description = "A title for people.")
    String title;

    @Option(names = "--description", paramLabel = "TEXT")
    String description;

    @Option(names = "--queue", paramLabel = "QUEUE", description = "Default: default.")
    String queue;

    @Option(names = "--priority", paramLabel = "PRIORITY", description = "LOW, NORMAL (default), HIGH or URGENT.")
    String priority;

    @Option(names = "--tag", paramLabel = "TAG", description = "A tag; repeat for more.")
    List<String> tags;

    @Option(
            names = "--run-at",
            paramLabel = "TIME",
            converter = TimeConverter.class,
            description = "Run no earlier than this: 2026-11-23T07:00:00Z, or local time 2026-11-23 07:00.")
    Instant runAt;

    @Option(
            names = "--delay",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Run no earlier than this from now, e.g. 30s, 10m, 2h.")
    Duration delay;

    @Option(names = "--max-attempts", paramLabel = "N", description = "Attempts before it FAILS. Default: 3.")
    Integer maxAttempts;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Per attempt, e.g. 60s or 2h. Default: 5m.")
    Duration timeout;

    @Option(
            names = "--unique-key",
            paramLabel = "KEY",
            description = "Refused (exit 4) while another unfinished task holds this key.")
    String uniqueKey;

    @Option(
            names = "--idempotency-key",
            paramLabel = "KEY",
            description = "Repeating the submit with the same key returns the first task instead of a new one.")
    String idempotencyKey;

    @Mixin
    WaitOptions wait = new WaitOptions();

    @Mixin
    ClientOptions client = new ClientOptions();

    @Override
    public Integer call() {
        ObjectNode body = body();
        JsonNode task = client.api().post("/tasks", body, idempotency(idempotencyKey));
        return Following.created(client, wait, task, "task " + Json.text(task, "id") + " submitted");
    }

    /** The request body; bad options end here with exit code 2, before anything is sent. */
    ObjectNode body() {
        CommandLine cl = spec.commandLine();
        if (runAt != null && delay != null) {
            throw new CommandLine.ParameterException(cl, "give --run-at or --delay, not both");
        }
        ObjectNode body = client.api().json().createObjectNode();
        body.put("type", type);
        if (payload != null) {
            body.set("payload", Json.read(client.api().json(), "--payload", payload));
        }
        putIfSet(body, "title", title);
        putIfSet(body, "description", description);
        putIfSet(body, "queue", queue);
        if (priority != null) {
            body.put("priority", priority(cl, priority));
        }
        if (tags != null && !tags.isEmpty()) {
            tags.forEach(body.putArray("tags")::add);
        }
        if (maxAttempts != null) {
            body.put("maxAttempts", maxAttempts);
        }
        if (timeout != null) {
            body.put("timeoutSeconds", wholeSeconds(cl, "--timeout", timeout));
        }
        if (runAt != null) {
            body.put("runAt", runAt.toString());
        }
        if (delay != null) {
            body.put("delaySeconds", delay.toSeconds());
        }
        putIfSet(body, "uniqueKey", uniqueKey);
        return body;
    }

    static String priority(CommandLine cl, String value) {
        String p = value.strip().toUpperCase(Locale.ROOT);
        if (!PRIORITIES.contains(p)) {
            throw new CommandLine.ParameterException(
                    cl, "--priority must be one of " + String.join(", ", PRIORITIES) + ", was '" + value + "'");
        }
        return p;
    }

    static int wholeSeconds(CommandLine cl, String option, Duration d) {
        if (d.toSeconds() < 1 || d.toSeconds() > Integer.MAX_VALUE) {
            throw new CommandLine.ParameterException(cl, option + " must be at least 1s, was " + d);
        }
        return (int) d.toSeconds();
    }

    /** The header that makes repeating a create return the first task, when a key is given. */
    static Map<String, String> idempotency(String key) {
        return key == null || key.isBlank() ? Map.of() : Map.of("Idempotency-Key", key);
    }

    static void putIfSet(ObjectNode body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }
}
