package io.taskforge.handler.builtin;

import io.taskforge.handler.NonRetryableException;
import io.taskforge.handler.TaskContext;
import io.taskforge.json.JsonCodec;
import io.taskforge.json.JsonException;
import io.taskforge.task.Priority;
import io.taskforge.task.Progress;
import io.taskforge.task.Task;
import io.taskforge.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link TaskContext} for one attempt of one task, as the engine would hand it to a handler:
 * it serves the payload through a real JSON codec and collects what the handler logs and
 * reports. Safe to log to from several threads (the shell handler logs from two).
 */
final class TestTaskContext implements TaskContext {
    static final JsonCodec JSON = new JacksonTestCodec();

    private static final AtomicInteger IDS = new AtomicInteger();

    record LogLine(String stream, String line) {}

    private final Task task;
    private final String payloadJson;
    private final Queue<LogLine> lines = new ConcurrentLinkedQueue<>();
    private final Queue<Progress> progress = new ConcurrentLinkedQueue<>();
    private volatile boolean stopRequested;

    private TestTaskContext(String type, String payloadJson) {
        Instant now = Instant.now();
        this.payloadJson = payloadJson;
        this.task = new Task(
                "t" + IDS.incrementAndGet() + "-" + Long.toHexString(System.nanoTime()),
                "default",
                type,
                "a " + type + " task",
                null,
                payloadJson,
                "default",
                Priority.NORMAL,
                TaskStatus.RUNNING,
                List.of(),
                1,
                3,
                60,
                now,
                now.plusSeconds(30),
                "test-worker",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                false,
                now,
                now,
                now,
                null);
    }

    /** A context whose payload is this JSON text. */
    static TestTaskContext withPayloadJson(String type, String json) {
        return new TestTaskContext(type, json);
    }

    /** A context whose payload is {@code payload} written as JSON (a map, a record, ...). */
    static TestTaskContext withPayload(String type, Object payload) {
        return new TestTaskContext(type, JSON.write(payload));
    }

    @Override
    public Task task() {
        return task;
    }

    @Override
    public String payloadJson() {
        return payloadJson == null ? "null" : payloadJson;
    }

    @Override
    public <T> T payload(Class<T> type) throws NonRetryableException {
        try {
            return JSON.read(payloadJson(), type);
        } catch (JsonException e) {
            throw new NonRetryableException(
                    "the payload does not fit " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void log(String line) {
        log("system", line);
    }

    @Override
    public void log(String stream, String line) {
        lines.add(new LogLine(stream, line));
    }

    @Override
    public void progress(int percent, String message) {
        progress.add(new Progress(percent, message));
    }

    @Override
    public boolean isStopRequested() {
        return stopRequested;
    }

    @Override
    public Instant deadline() {
        return task.startedAt().plus(Duration.ofSeconds(task.timeoutSeconds()));
    }

    /** What the engine does first on a timeout or cancel; {@link HandlerRun#stop()} also interrupts. */
    void requestStop() {
        stopRequested = true;
    }

    List<LogLine> logLines() {
        return List.copyOf(lines);
    }

    /** The lines logged on one stream, in order. */
    List<String> lines(String stream) {
        return lines.stream()
                .filter(l -> l.stream().equals(stream))
                .map(LogLine::line)
                .toList();
    }

    List<Progress> progressReports() {
        return List.copyOf(progress);
    }
}
