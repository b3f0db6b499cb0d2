package io.taskforge.server.logs;

import io.taskforge.server.config.TaskforgeProperties;
import io.taskforge.server.sse.SseStreams;
import io.taskforge.server.task.LogLineResponse;
import io.taskforge.server.task.TaskResponse;
import io.taskforge.store.TaskStore;
import io.taskforge.task.LogPage;
import io.taskforge.task.Task;
import io.taskforge.task.TaskLogLine;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The open {@code /tasks/{id}/logs/stream} connections. Each stream polls the store for new log
 * lines after the last one sent, and the task's state, and writes what changed as Server-Sent Events:
 *
 * <ul>
 *   <li>{@code log}: one log line, with the line's {@code seq} as event id, so a client that
 *       reconnects with {@code Last-Event-ID} continues after the last line it saw;
 *   <li>{@code status}: the task JSON, first when the stream opens and then whenever its status,
 *       attempt, progress or cancel request changes;
 *   <li>{@code end}: once the task has finished and every line written before that was sent; the
 *       server then closes the stream.
 * </ul>
 *
 * <p>Lines a worker flushes just after it reported the task finished are caught by one more poll
 * before {@code end}. Bounds, heartbeats and shutdown are {@link SseStreams}', set by the {@code
 * taskforge.api.*log-stream*} settings.
 */
@Component
public class LogStreams extends SseStreams {
    private static final int PAGE = 500;

    private final TaskStore store;

    LogStreams(TaskStore store, JsonMapper json, TaskforgeProperties properties) {
        super(
                "log",
                json,
                properties.api().maxLogStreams(),
                properties.api().logStreamPollInterval(),
                properties.api().logStreamHeartbeat(),
                properties.api().logStreamMaxDuration());
        this.store = store;
    }

    /** Opens a stream of the task's lines after {@code afterSeq}; the task must exist. */
    SseEmitter open(Task task, long afterSeq) {
        return open(() -> new TaskLogStream(task.id(), afterSeq));
    }

    private final class TaskLogStream extends PollingStream {
        private final String taskId;
        private long lastSeq;
        private Task lastSent;
        private boolean drained;

        TaskLogStream(String taskId, long afterSeq) {
            this.taskId = taskId;
            this.lastSeq = afterSeq;
        }

        @Override
        protected String opening() {
            return "stream of task " + taskId;
        }

        @Override
        protected boolean poll() throws IOException {
            // The state first, the lines second: every line written before the state was read is
            // sent in this round, so "finished" below means no line of an earlier round is missing.
            Optional<Task> current = store.taskGet(taskId);
            if (current.isEmpty()) {
                end(Map.of("id", taskId, "deleted", true));
                return true;
            }
            Task task = current.get();
            boolean wrote = sendNewLines();
            if (lastSent == null || changed(lastSent, task)) {
                send("status", null, TaskResponse.of(task));
                lastSent = task;
                wrote = true;
            }
            if (task.status().isFinished()) {
                if (drained) {
                    end(Map.of("id", taskId, "status", task.status().name()));
                    return true;
                }
                // One more round for lines the worker flushes right after it reports the outcome.
                drained = true;
            }
            return wrote;
        }

        private boolean sendNewLines() throws IOException {
            boolean wrote = false;
            while (!isClosed()) {
                LogPage page = store.taskLogList(taskId, lastSeq, PAGE);
                for (TaskLogLine line : page.items()) {
                    send("log", String.valueOf(line.seq()), LogLineResponse.of(line));
                    lastSeq = line.seq();
                    wrote = true;
                }
                if (page.items().size() < PAGE) {
                    break;
                }
            }
            return wrote;
        }

        private void end(Object data) throws IOException {
            send("end", null, data);
            finish();
        }

        private void send(String name, String id, Object data) throws IOException {
            SseEmitter.SseEventBuilder event = SseEmitter.event().name(name).data(jsonLine(data));
            if (id != null) {
                event.id(id);
            }
            emitter.send(event);
        }

        @Override
        public String toString() {
            return "Log stream of task " + taskId;
        }
    }

    /** What a {@code status} event reports; a change in any of these sends one. */
    static boolean changed(Task before, Task after) {
        return before.status() != after.status()
                || before.attempt() != after.attempt()
                || before.cancelRequested() != after.cancelRequested()
                || !Objects.equals(before.progress(), after.progress());
    }
}
