package io.taskforge.server.monitor;

import io.taskforge.server.problem.Problems;
import io.taskforge.server.task.TaskResponse;
import io.taskforge.store.TaskChange;
import io.taskforge.store.TaskChangePage;
import io.taskforge.store.TaskStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
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
 * The open {@code /events/stream} connections: each a loop on its own virtual thread that reads the
 * store's task change feed forward from its position and sends the changes its filter lets through
 * as {@code task} events (the task JSON, with the change's event id as SSE id), like the log
 * streams in {@code io.taskforge.server.logs} and with the same bounds: a limited number of streams
 * (503 beyond it), each closed after {@code eventStreamMaxDuration}, all closed first thing on
 * shutdown.
 *
 * <p>The position moves over every event read, sent or filtered out. Keep-alive comments carry it
 * as event id, so a browser's {@code EventSource} that reconnects after a quiet hour does not read
 * that hour again. On PostgreSQL the feed can stop at an event id that is drawn but not committed
 * yet ({@link TaskChangePage.Gap}); the stream waits up to {@code eventGapWait} for it to fill, then
 * steps over it as rolled back, at once when the gap is older than {@link #OLD_GAP}. A change
 * committed that late is the one thing a stream can miss.
 */
@Component
class EventStreams implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(EventStreams.class);
    /** Events read per query; a stream behind reads pages back to back until it has caught up. */
    static final int PAGE = 500;
    /** A hole this much older than the clock is not a transaction still committing. */
    static final Duration OLD_GAP = Duration.ofMinutes(1);

    private static final AtomicLong IDS = new AtomicLong();

    private final TaskStore store;
    private final JsonMapper json;
    private final Semaphore slots;
    private final Duration pollInterval;
    private final Duration heartbeat;
    private final Duration maxDuration;
    private final Duration gapWait;
    private final Clock clock = Clock.systemUTC();
    private final Set<Stream> open = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    EventStreams(TaskStore store, JsonMapper json, MonitorProperties properties) {
        this.store = store;
        this.json = json;
        this.slots = new Semaphore(properties.maxEventStreams());
        this.pollInterval = properties.eventStreamPollInterval();
        this.heartbeat = properties.eventStreamHeartbeat();
        this.maxDuration = properties.eventStreamMaxDuration();
        this.gapWait = properties.eventGapWait();
    }

    /**
     * Opens a stream of the changes after event {@code afterEventId}, or after the newest event now
     * when it is null.
     */
    SseEmitter open(Long afterEventId, ChangeFilter filter) {
        if (!running) {
            throw unavailable("the server is shutting down");
        }
        if (!slots.tryAcquire()) {
            throw unavailable("too many event streams are open; try again later");
        }
        try {
            long start = afterEventId != null ? afterEventId : store.taskEventLatestId();
            // A server-side timeout a little past the loop's own end, in case the loop is stuck in the store.
            SseEmitter emitter = new SseEmitter(maxDuration.plusSeconds(30).toMillis());
            Stream stream = new Stream(start, filter, emitter);
            emitter.onCompletion(stream::close);
            emitter.onTimeout(stream::close);
            emitter.onError(e -> stream.close());
            open.add(stream);
            try {
                Thread.ofVirtual()
                        .name("taskforge-event-stream-" + IDS.incrementAndGet())
                        .start(stream::run);
            } catch (RuntimeException | Error e) {
                open.remove(stream);
                throw e;
            }
            return emitter;
        } catch (RuntimeException | Error e) {
            slots.release();
            throw e;
        }
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
        private final ChangeFilter filter;
        private final SseEmitter emitter;
        private long position;
        private volatile boolean closed;

        Stream(long position, ChangeFilter filter, SseEmitter emitter) {
            this.position = position;
            this.filter = filter;
            this.emitter = emitter;
        }

        void close() {
            closed = true;
        }

        void run() {
            try {
                loop();
            } catch (IOException e) {
                log.debug("Event stream ended: the client went away ({})", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                if (closed || !running) {
                    log.debug("Event stream ended while writing: {}", e.toString());
                } else {
                    // The client reconnects with Last-Event-ID and continues where it was.
                    log.warn("Event stream failed; closing it", e);
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
            long gapSeenAt = 0;
            long gapPosition = -1;
            emitter.send(SseEmitter.event().reconnectTime(2_000).comment("task changes after event " + position));
            while (!closed && running && System.nanoTime() - deadline < 0) {
                TaskChangePage page = store.taskChangesAfter(position, PAGE);
                boolean wrote = false;
                for (TaskChange change : page.changes()) {
                    if (filter.matches(change)) {
                        send(change);
                        wrote = true;
                    }
                }
                boolean moved = page.nextAfter() != position;
                position = page.nextAfter();
                if (page.gap() != null) {
                    if (gapPosition != position) {
                        gapPosition = position;
                        gapSeenAt = System.nanoTime();
                    }
                    boolean old =
                            page.gap().nextEventAt().isBefore(clock.instant().minus(OLD_GAP));
                    if (old || System.nanoTime() - gapSeenAt >= gapWait.toNanos()) {
                        log.debug(
                                "Event stream steps over missing event ids {}..{}",
                                position + 1,
                                page.gap().lastMissingId());
                        position = page.gap().lastMissingId();
                        gapPosition = -1;
                        moved = true;
                    }
                }
                if (wrote) {
                    lastWrite = System.nanoTime();
                } else if (System.nanoTime() - lastWrite >= heartbeat.toNanos()) {
                    emitter.send(SseEmitter.event().id(String.valueOf(position)).comment("keep-alive"));
                    lastWrite = System.nanoTime();
                }
                if (!moved) {
                    // Caught up, or waiting for a gap to fill: wait for more. A stream behind reads on at once.
                    Thread.sleep(pollInterval);
                }
            }
        }

        private void send(TaskChange change) throws IOException {
            emitter.send(SseEmitter.event()
                    .name("task")
                    .id(String.valueOf(change.eventId()))
                    .data(oneLine(json.writeValueAsString(TaskResponse.of(change.task())))));
        }

        private void complete() {
            try {
                emitter.complete();
            } catch (RuntimeException e) {
                log.debug("Completing an event stream failed", e);
            }
        }
    }

    /**
     * Stored payloads may be pretty-printed JSON, and an SSE {@code data:} field ends at a line
     * break. A raw line break in JSON can only be whitespace between tokens (inside strings it is
     * escaped), so replacing it keeps the JSON intact.
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
