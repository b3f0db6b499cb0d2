package io.taskforge.server.sse;

import io.taskforge.server.problem.Problems;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * One kind of open Server-Sent-Events streams. Each stream is a loop on its own virtual thread that
 * polls the store and writes what is new; a subclass's {@link PollingStream} says what that is.
 *
 * <p>Polling rather than listening keeps a stream independent of where the store is written
 * (another worker process, another host). Idle streams send a comment every {@code heartbeat} so
 * proxies do not cut them; a client that goes away is noticed at the next write, which ends the
 * loop. The number of streams is bounded (503 beyond it), and each closes after {@code
 * maxDuration}; clients reconnect with {@code Last-Event-ID} and lose nothing. On shutdown every
 * stream is closed before the web server stops, so open streams never hold up a graceful shutdown.
 */
public abstract class SseStreams implements SmartLifecycle {
    /** The subclass's logger, so its streams log under its name. */
    protected final Logger log = LoggerFactory.getLogger(getClass());

    private final String kind;
    private final JsonMapper json;
    private final Semaphore slots;
    private final Duration pollInterval;
    private final Duration heartbeat;
    private final Duration maxDuration;
    private final AtomicLong ids = new AtomicLong();
    private final Set<PollingStream> open = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    /** {@code kind} names the streams in their threads' names and in the 503 answer: "log", "event". */
    protected SseStreams(
            String kind,
            JsonMapper json,
            int maxStreams,
            Duration pollInterval,
            Duration heartbeat,
            Duration maxDuration) {
        this.kind = kind;
        this.json = json;
        this.slots = new Semaphore(maxStreams);
        this.pollInterval = pollInterval;
        this.heartbeat = heartbeat;
        this.maxDuration = maxDuration;
    }

    /**
     * Takes a slot, creates the stream (which may read the store: a failure gives the slot back) and
     * starts its loop.
     */
    protected final SseEmitter open(Supplier<? extends PollingStream> newStream) {
        if (!running) {
            throw unavailable("the server is shutting down");
        }
        if (!slots.tryAcquire()) {
            throw unavailable("too many " + kind + " streams are open; try again later");
        }
        try {
            PollingStream stream = newStream.get();
            stream.emitter.onCompletion(stream::close);
            stream.emitter.onTimeout(stream::close);
            stream.emitter.onError(e -> stream.close());
            open.add(stream);
            try {
                Thread.ofVirtual()
                        .name("taskforge-" + kind + "-stream-" + ids.incrementAndGet())
                        .start(stream::run);
            } catch (RuntimeException | Error e) {
                open.remove(stream);
                throw e;
            }
            return stream.emitter;
        } catch (RuntimeException | Error e) {
            slots.release();
            throw e;
        }
    }

    public int openStreams() {
        return open.size();
    }

    private static ErrorResponseException unavailable(String detail) {
        return new ErrorResponseException(
                HttpStatus.SERVICE_UNAVAILABLE,
                Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "stream-unavailable", "Stream unavailable", detail),
                null);
    }

    /**
     * Stored payloads may be pretty-printed JSON, and an SSE {@code data:} field ends at a line
     * break. A raw line break in JSON can only be whitespace between tokens (inside strings it is
     * escaped), so replacing it keeps the JSON intact.
     */
    public static String oneLine(String jsonText) {
        if (jsonText.indexOf('\n') < 0 && jsonText.indexOf('\r') < 0) {
            return jsonText;
        }
        return jsonText.replace('\r', ' ').replace('\n', ' ');
    }

    /** One open stream: the loop, its limits and its end; what it polls and sends is the subclass's. */
    protected abstract class PollingStream {
        /** A server-side timeout a little past the loop's own end, in case the loop is stuck in the store. */
        protected final SseEmitter emitter =
                new SseEmitter(maxDuration.plusSeconds(30).toMillis());

        private volatile boolean closed;
        private boolean finished;

        /** The comment of the first event, which also tells an {@code EventSource} to reconnect after 2 s. */
        protected abstract String opening();

        /** Polls the store once and sends what is new; true when it sent an event (the stream is not idle). */
        protected abstract boolean poll() throws IOException;

        /** True when the last poll stopped before the end of what there is: poll again without waiting. */
        protected boolean readOn() {
            return false;
        }

        /** What an idle stream sends every {@code heartbeat}. */
        protected SseEmitter.SseEventBuilder keepAlive() {
            return SseEmitter.event().comment("keep-alive");
        }

        /** True once the client went away, the emitter timed out or the server is stopping. */
        protected final boolean isClosed() {
            return closed;
        }

        /** Ends the loop after this poll: the stream has sent its last event. */
        protected final void finish() {
            finished = true;
        }

        /** The value as one line of JSON, for an event's {@code data}. */
        protected final String jsonLine(Object value) {
            return oneLine(json.writeValueAsString(value));
        }

        /** Names the stream in log lines, e.g. "Log stream of task …". */
        @Override
        public abstract String toString();

        private void close() {
            closed = true;
        }

        private void run() {
            try {
                loop();
            } catch (IOException e) {
                log.debug("{} ended: the client went away ({})", this, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                if (closed || !running) {
                    // Closed under us (client gone, timeout, shutdown): a send then finds it completed.
                    log.debug("{} ended while writing: {}", this, e.toString());
                } else {
                    // The client reconnects with Last-Event-ID and continues where it was.
                    log.warn("{} failed; closing it", this, e);
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
            emitter.send(SseEmitter.event().reconnectTime(2_000).comment(opening()));
            while (!closed && running && System.nanoTime() - deadline < 0) {
                boolean wrote = poll();
                if (finished) {
                    return;
                }
                if (wrote) {
                    lastWrite = System.nanoTime();
                } else if (System.nanoTime() - lastWrite >= heartbeat.toNanos()) {
                    emitter.send(keepAlive());
                    lastWrite = System.nanoTime();
                }
                if (!readOn()) {
                    Thread.sleep(pollInterval);
                }
            }
        }

        private void complete() {
            try {
                emitter.complete();
            } catch (RuntimeException e) {
                log.debug("{} could not be completed", this, e);
            }
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /** Closes every stream first thing on shutdown, so none holds up the web server's graceful stop. */
    @Override
    public void stop() {
        running = false;
        for (PollingStream s : open) {
            s.close();
            s.complete();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
