package io.taskforge.server.cli.client;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code taskforge logs ID [-f]}: a task's log lines (stdout and stderr of every attempt, in order).
 * With {@code -f} it follows the live stream until the task finishes, resuming where it was if the
 * connection drops.
 */
@Command(
        name = "logs",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Prints a task's log lines; with -f follows them live until the task finishes.",
            "With --json each line is one JSON object ({seq, at, attempt, stream, line})."
        })
public final class LogsCommand implements Callable<Integer> {
    private static final int PAGE = 500;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID")
    String id;

    @Option(
            names = {"-f", "--follow"},
            description = "Keep printing new lines until the task finishes (exit 0 however it ends).")
    boolean follow;

    @Option(names = "--after", paramLabel = "SEQ", description = "Only lines after this sequence number.")
    long after;

    @Mixin
    ClientOptions client = new ClientOptions();

    @Override
    public Integer call() {
        if (after < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--after must be 0 or more, was " + after);
        }
        Output o = client.output();
        if (follow) {
            return follow(o);
        }
        long seq = after;
        while (true) {
            JsonNode page = client.api().get(TasksCommand.path(id) + "/logs?after=" + seq + "&limit=" + PAGE);
            JsonNode items = page.path("items");
            for (JsonNode line : items) {
                print(o, line);
                seq = Math.max(seq, Json.number(line, "seq", seq));
            }
            if (items.size() < PAGE) {
                return ExitCodes.OK;
            }
        }
    }

    private int follow(Output o) {
        TaskFollower.Sink sink = new TaskFollower.Sink() {
            @Override
            public void line(JsonNode logLine) {
                print(o, logLine);
            }

            @Override
            public void status(JsonNode task) {
                o.note(TaskView.narrate(o, task));
            }
        };
        try {
            new TaskFollower(client.api()).follow(id, after, null, sink);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCodes.OK;
    }

    private static void print(Output o, JsonNode line) {
        if (o.json()) {
            o.printJsonLine(line);
        } else {
            String text = Json.text(line, "line");
            o.println(text == null ? "" : text);
        }
    }
}
