package io.taskforge.server.cli.client;

import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * {@code --wait}: follows a task just created and turns how it ended into the exit code. Its log
 * lines go to stdout (to stderr with {@code --json}, where stdout holds only the final task JSON);
 * what happens to it goes to stderr.
 */
final class Following {
    private Following() {}

    /** A task just created: followed to its end with {@code --wait}, after {@code note}; else printed. */
    static int created(ClientOptions client, WaitOptions wait, JsonNode task, String note) {
        Output o = client.output();
        if (wait.waiting()) {
            o.note(note);
            return followToExit(client, task, wait.timeout);
        }
        o.print(task, t -> TaskView.printDetail(o, t));
        return ExitCodes.OK;
    }

    static int followToExit(ClientOptions client, JsonNode task, Duration timeout) {
        Output o = client.output();
        String id = Json.text(task, "id");
        TaskFollower.Sink sink = new TaskFollower.Sink() {
            @Override
            public void line(JsonNode logLine) {
                String line = Json.text(logLine, "line");
                if (o.json()) {
                    o.note(line == null ? "" : line);
                } else {
                    o.println(line == null ? "" : line);
                }
            }

            @Override
            public void status(JsonNode t) {
                o.note(TaskView.narrate(o, t));
            }
        };
        TaskFollower.Result result;
        try {
            result = new TaskFollower(client.api()).follow(id, 0, timeout, sink);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.WAIT_TIMEOUT, "interrupted while waiting for task " + id);
        }
        if (o.json() && result.task() != null) {
            o.printJson(result.task());
        }
        return switch (result.end()) {
            case SUCCEEDED -> ExitCodes.OK;
            case FAILED -> ExitCodes.TASK_FAILED;
            case CANCELLED -> ExitCodes.TASK_CANCELLED;
            case DELETED -> {
                o.note("task " + id + " was deleted");
                yield ExitCodes.TASK_CANCELLED;
            }
            case TIMED_OUT ->
                throw new CliException(
                        ExitCodes.WAIT_TIMEOUT,
                        "stopped waiting after "
                                + timeout.toString().substring(2).toLowerCase(java.util.Locale.ROOT)
                                + "; task " + id + " is " + Json.text(result.task(), "status")
                                + " and goes on (follow it with 'taskforge logs -f " + id + "')");
        };
    }
}
