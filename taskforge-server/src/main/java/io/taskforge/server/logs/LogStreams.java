package io.taskforge.server.logs;

import io.taskforge.server.config.TaskforgeProperties;
import io.taskforge.server.problem.Problems;
import io.taskforge.server.task.LogLineResponse;
import io.taskforge.server.task.TaskResponse;
import io.taskforge.store.TaskStore;
import io.taskforge.task.LogPage;
import io.taskforge.task.Task;
import io.taskforge.task.TaskLogLine;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The open {@code /tasks/{id}/logs/stream} connections. Each stream is a loop on its own virtual
 * thread that polls the store (new log lines after the last one sent, and the task's state) and
 * writes what changed as Server-Sent Events:
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
 * <p>Polling rather than listening keeps this independent of where the lines are written (another
 * worker process, another host): the store is the only shared thing. Lines a worker flushes just
 * after it reported the task finished are caught by one more poll before {@code end}. Idle streams
 * send a comment every few seconds so proxies do not cut them; a client that goes away is noticed at
 * the next write, which ends the loop. The number of streams is bounded (503 beyond it), and each
 * closes after {@code logStreamMaxDuration}; clients reconnect and lose nothing. On shutdown every
 * stream is closed before the web server stops, so open streams never hold up a graceful shutdown.
 */
@Component
public class LogStreams implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(LogStreams.class);
    private static final int PAGE = 500;
    private static final AtomicLong IDS = new AtomicLong();

    private final TaskStore store;
    private final JsonMapper json;
    private final Semaphore slots;
    private final Duration pollInterval;
    private final Duration heartbeat;
    private final Duration maxDuration;
    private final Set<Stream> open = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    LogStreams(TaskStore store, JsonMapper json, TaskforgeProperties properties) {
        this.store = store;
        this.json = json;
        TaskforgeProperties.Api api = properties.api();
        this.slots = new Semaphore(api.maxLogStreams());
        this.pollInterval = api.logStreamPollInterval();
        this.heartbeat = api.logStreamHeartbeat();
        this.maxDuration = api.logStreamMaxDuration();
    }

    /** Opens a stream of the task's lines after {@code afterSeq}; the task must exist. */
    SseEmitter open(Task task, long afterSeq) {
        if (!running) {
            throw unavailable("the server is shutting down");
        }
        if (!slots.tryAcquire()) {
            throw unavailable("too many log streams are open; try again later");
        }
        // A server-side timeout a little past the loop's own end, in case the loop is stuck in the store.
        SseEmitter emitter = new SseEmitter(maxDuration.plusSeconds(30).toMillis());
        Stream stream = new Stream(task.id(), afterSeq, emitter);
        emitter.onCompletion(stream::close);
        emitter.onTimeout(stream::close);
        emitter.onError(e -> stream.close());
        open.add(stream);
        try {
            Thread.ofVirtual()
                    .name("taskforge-log-stream-" + IDS.incrementAndGet())
                    .start(stream::run);
        } catch (RuntimeException | Error e) {
            open.remove(stream);
            slots.release();
            throw e;
        }
        return emitter;
    }

    int openStreams() {
        return open.size();
    }

    private ErrorResponseException unavailable(String detail) {
        return new ErrorResponseException(
                HttpStatus.SERVICE_UNAVAILABLE,
                Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "stream-unavailable", "Stream unavailable", detail),
                null);
    }

    private final class Stream {
        private final String taskId;
        private final SseEmitter emitter;
        private long lastSeq;
        private volatile boolean closed;

        Stream(String taskId, long afterSeq, SseEmitter emitter) {
            this.taskId = taskId;
            this.lastSeq = afterSeq;
            this.emitter = emitter;
        }

        void close() {
            closed = true;
        }

        void run() {
            try {
                loop();
            } catch (IOException e) {
                log.debug("Log stream of task {} ended: the client went away ({})", taskId, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                if (closed || !running) {
                    // Closed under us (client gone, timeout, shutdown): a send then finds it completed.
                    log.debug("Log stream of task {} ended while writing: {}", taskId, e.toString());
                } else {
                    // The client reconnects with Last-Event-ID and continues where it was.
                    log.warn("Log stream of task {} failed; closing it", taskId, e);
                }
            } finally {
                open.remove(this);
                slots.release();
                complete();
            }
        }

        private void loop() throws IOException, InterruptedException {
            long deadline = System.nanoTime() + maxDuration.toNanos();
            long lastWrite = System.nanoTime();
            Task lastSent = null;
            boolean drained = false;
            // First event: how long a browser's EventSource should wait before reconnecting.
            emitter.send(SseEmitter.event().reconnectTime(2_000).comment("stream of task " + taskId));
            while (!closed && running && System.nanoTime() - deadline < 0) {
                // The state first, the lines second: every line written before the state was read is
                // sent in this round, so "finished" below means no line of an earlier round is missing.
                Optional<Task> current = store.taskGet(taskId);
                if (current.isEmpty()) {
                    send("end", null, Map.of("id", taskId, "deleted", true));
                    return;
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
                        send(
                                "end",
                                null,
                                Map.of("id", taskId, "status", task.status().name()));
                        return;
                    }
                    // One more round for lines the worker flushes right after it reports the outcome.
                    drained = true;
                }
                if (wrote) {
                    lastWrite = System.nanoTime();
                } else if (System.nanoTime() - lastWrite >= heartbeat.toNanos()) {
                    emitter.send(SseEmitter.event().comment("keep-alive"));
                    lastWrite = System.nanoTime();
                }
                Thread.sleep(pollInterval);
            }
        }

        private boolean sendNewLines() throws IOException {
            boolean wrote = false;
            while (!closed) {
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

        private void send(String name, String id, Object data) throws IOException {
            SseEmitter.SseEventBuilder event =
                    SseEmitter.event().name(name).data(oneLine(json.writeValueAsString(data)));
            if (id != null) {
                event.id(id);
            }
            emitter.send(event);
        }

        private void complete() {
            try {
                emitter.complete();
            } catch (RuntimeException e) {
                log.debug("Completing the log stream of task {} failed", taskId, e);
            }
        }
    }

    /** What a {@code status} event reports; a change in any of these sends one. */
    static boolean changed(Task before, Task after) {
        return before.status() != after.status()
                || before.attempt() != after.attempt()
                || before.cancelRequested() != after.cancelRequested()
                || !Objects.equals(before.progress(), after.progress());
    }

    /**
     * Stored payloads may be pretty-printed JSON. A raw line break can only be whitespace between
     * JSON tokens (inside strings it is escaped), so replacing it keeps the JSON and the event intact:
     * an SSE {@code data:} field ends at the line break.
     */
    static String oneLine(String jsonText) {
        if (jsonText.indexOf('\n') < 0 && jsonText.indexOf('\r') < 0) {
            return jsonText;
        }
        return jsonText.replace('\r', ' ').replace('\n', ' ');
    }

    @Override
    public void start() {
        running = true;
    }

    /** Closes every stream first thing on shutdown, so none holds up the web server's graceful stop. */
    @Override
    public void stop() {
        running = false;
        for (Stream s : open) {
            s.close();
            s.complete();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
