package io.taskforge.server.cli.client;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Follows one task until it finishes: its log lines and status changes from {@code GET
 * /tasks/{id}/logs/stream} (Server-Sent Events), handed to a {@link Sink} as they come.
 *
 * <p>The stream is resumed, never restarted: when it closes without its {@code end} event (the
 * server closes long streams, a proxy cuts idle ones, the server restarts) or goes quiet for longer
 * than the server's keep-alive interval allows, the follower reconnects with {@code Last-Event-ID}
 * set to the last line it printed, so no line is lost or printed twice. A server that answered once
 * and then becomes unreachable (a restart) is retried with growing pauses for up to {@link
 * #GIVE_UP}; one that never answered is reported at once. When the server has no stream to spare
 * (503) the follower polls the log and the task instead.
 */
final class TaskFollower {
    /** Far above the server's keep-alive interval (15 s): a stream this quiet is dead. */
    static final Duration IDLE = Duration.ofSeconds(60);
    /** How long the server may stay unreachable before the command gives up. */
    static final Duration GIVE_UP = Duration.ofSeconds(60);

    private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    private static final Set<String> FINISHED = Set.of("SUCCEEDED", "FAILED", "CANCELLED");
    private static final int PAGE = 500;

    enum End {
        SUCCEEDED,
        FAILED,
        CANCELLED,
        DELETED,
        TIMED_OUT
    }

    /** How following ended, and the task as last seen (null when it was deleted before it was seen). */
    record Result(End end, JsonNode task) {}

    /** Receives what the follower sees, in order. */
    interface Sink {
        void line(JsonNode logLine);

        /** The task JSON, when its status, attempt, progress or cancel request changed. */
        void status(JsonNode task);
    }

    private final ApiClient api;

    TaskFollower(ApiClient api) {
        this.api = api;
    }

    /**
     * Follows until the task finishes or {@code timeout} (null: no limit) passes.
     *
     * @param afterSeq print only lines after this sequence number (0: all)
     */
    Result follow(String taskId, long afterSeq, Duration timeout, Sink sink) throws InterruptedException {
        State state = new State(taskId, afterSeq, timeout == null ? Long.MAX_VALUE : deadline(timeout), sink);
        boolean polling = false;
        long downSince = 0;
        long pause = 250;
        while (true) {
            if (state.timedOut()) {
                return new Result(End.TIMED_OUT, state.lastTask);
            }
            try {
                Result result = polling ? pollRound(state) : streamOnce(state);
                downSince = 0;
                pause = 250;
                if (result != null) {
                    return result;
                }
                Thread.sleep(Math.min(polling ? POLL_INTERVAL.toMillis() : 200, state.remainingMillis()));
            } catch (CliException e) {
                if (e.exitCode() == ExitCodes.UNREACHABLE && state.reached) {
                    long now = System.nanoTime();
                    downSince = downSince == 0 ? now : downSince;
                    if (now - downSince > GIVE_UP.toNanos()) {
                        throw e;
                    }
                    Thread.sleep(Math.min(pause, state.remainingMillis()));
                    pause = Math.min(pause * 2, 5_000);
                } else if (e.httpStatus() == 503 && !polling) {
                    polling = true;
                } else {
                    throw e;
                }
            }
        }
    }

    /** Reads one connection of the stream; the result once the task ended, null to reconnect. */
    private Result streamOnce(State state) throws InterruptedException {
        HttpResponse<InputStream> response =
                api.openEventStream("/tasks/" + ApiClient.segment(state.taskId) + "/logs/stream", state.lastSeq);
        state.reached = true;
        try (SseConnection connection = new SseConnection(response.body())) {
            while (true) {
                long wait = Math.min(IDLE.toMillis(), state.remainingMillis());
                SseConnection.Item item = connection.next(Duration.ofMillis(wait));
                if (item == null || item instanceof SseConnection.Closed) {
                    return null; // quiet for too long, timed out, or closed: the caller decides
                }
                if (item instanceof SseConnection.Event event) {
                    Result result = handle(state, event);
                    if (result != null) {
                        return result;
                    }
                }
            }
        }
    }

    private Result handle(State state, SseConnection.Event event) {
        JsonNode data;
        try {
            data = api.json().readTree(event.data());
        } catch (JacksonException e) {
            return null; // not ours to understand; the stream goes on
        }
        switch (event.name()) {
            case "log" -> state.line(data);
            case "status" -> state.status(data);
            case "end" -> {
                if (data.path("deleted").asBoolean(false)) {
                    return new Result(End.DELETED, state.lastTask);
                }
                return finish(state);
            }
            default -> {
                // events added to the stream later are not for this follower
            }
        }
        return null;
    }

    /** One polling round, for servers that have no stream to spare. */
    private Result pollRound(State state) {
        JsonNode task;
        try {
            task = api.get("/tasks/" + ApiClient.segment(state.taskId));
            state.reached = true;
        } catch (CliException e) {
            if (e.httpStatus() == 404) {
                return new Result(End.DELETED, state.lastTask);
            }
            throw e;
        }
        // The state before the lines: every line written before the task finished is read below.
        while (true) {
            JsonNode page = api.get(
                    "/tasks/" + ApiClient.segment(state.taskId) + "/logs?after=" + state.lastSeq + "&limit=" + PAGE);
            JsonNode items = page == null ? null : page.path("items");
            if (items == null || !items.isArray() || items.isEmpty()) {
                break;
            }
            for (JsonNode line : items) {
                state.line(line);
            }
            if (items.size() < PAGE) {
                break;
            }
        }
        state.status(task);
        return FINISHED.contains(Json.text(task, "status")) ? finish(state) : null;
    }

    private Result finish(State state) {
        JsonNode task;
        try {
            task = api.get("/tasks/" + ApiClient.segment(state.taskId));
        } catch (CliException e) {
            if (e.httpStatus() == 404) {
                return new Result(End.DELETED, state.lastTask);
            }
            throw e;
        }
        state.status(task);
        return switch (String.valueOf(Json.text(task, "status"))) {
            case "SUCCEEDED" -> new Result(End.SUCCEEDED, task);
            case "CANCELLED" -> new Result(End.CANCELLED, task);
            default -> new Result(End.FAILED, task);
        };
    }

    private static long deadline(Duration timeout) {
        long now = System.nanoTime();
        long nanos = timeout.toNanos();
        return Long.MAX_VALUE - now < nanos ? Long.MAX_VALUE : now + nanos;
    }

    /** What was seen so far: the last line's seq (to resume after) and the last status sent on. */
    private static final class State {
        final String taskId;
        final long deadline;
        final Sink sink;
        long lastSeq;
        JsonNode lastTask;
        /** Once the server answered, losing it is worth waiting out; before, it is a mistake to report. */
        boolean reached;

        State(String taskId, long afterSeq, long deadline, Sink sink) {
            this.taskId = taskId;
            this.lastSeq = afterSeq;
            this.deadline = deadline;
            this.sink = sink;
        }

        void line(JsonNode line) {
            long seq = Json.number(line, "seq", -1);
            if (seq >= 0 && seq <= lastSeq) {
                return; // seen already (a resumed stream or a poll overlapping it)
            }
            if (seq > 0) {
                lastSeq = seq;
            }
            sink.line(line);
        }

        void status(JsonNode task) {
            if (lastTask == null || changed(lastTask, task)) {
                sink.status(task);
            }
            lastTask = task;
        }

        boolean timedOut() {
            return deadline != Long.MAX_VALUE && System.nanoTime() - deadline >= 0;
        }

        long remainingMillis() {
            if (deadline == Long.MAX_VALUE) {
                return Long.MAX_VALUE;
            }
            return Math.max(0, Duration.ofNanos(deadline - System.nanoTime()).toMillis());
        }

        private static boolean changed(JsonNode before, JsonNode after) {
            for (String field : new String[] {"status", "attempt", "progress", "cancelRequested"}) {
                if (!before.path(field).equals(after.path(field))) {
                    return true;
                }
            }
            return false;
        }
    }
}
