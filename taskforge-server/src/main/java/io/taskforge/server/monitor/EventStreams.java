package io.taskforge.server.monitor;

import io.taskforge.server.sse.SseStreams;
import io.taskforge.server.task.TaskResponse;
import io.taskforge.store.TaskChange;
import io.taskforge.store.TaskChangePage;
import io.taskforge.store.TaskStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The open {@code /events/stream} connections: each reads the store's task change feed forward from
 * its position and sends the changes its filter lets through as {@code task} events (the task JSON,
 * with the change's event id as SSE id). Bounds, heartbeats and shutdown are {@link SseStreams}',
 * set by the {@code taskforge.monitor.*event-stream*} settings.
 *
 * <p>The position moves over every event read, sent or filtered out. Keep-alive comments carry it
 * as event id, so a browser's {@code EventSource} that reconnects after a quiet hour does not read
 * that hour again. On PostgreSQL the feed can stop at an event id that is drawn but not committed
 * yet ({@link TaskChangePage.Gap}); the stream waits up to {@code eventGapWait} for it to fill, then
 * steps over it as rolled back, at once when the gap is older than {@link #OLD_GAP}. A change
 * committed that late is the one thing a stream can miss.
 */
@Component
class EventStreams extends SseStreams {
    /** Events read per query; a stream behind reads pages back to back until it has caught up. */
    static final int PAGE = 500;
    /** A hole this much older than the clock is not a transaction still committing. */
    static final Duration OLD_GAP = Duration.ofMinutes(1);

    private final TaskStore store;
    private final Duration gapWait;
    private final Clock clock = Clock.systemUTC();

    EventStreams(TaskStore store, JsonMapper json, MonitorProperties properties) {
        super(
                "event",
                json,
                properties.maxEventStreams(),
                properties.eventStreamPollInterval(),
                properties.eventStreamHeartbeat(),
                properties.eventStreamMaxDuration());
        this.store = store;
        this.gapWait = properties.eventGapWait();
    }

    /**
     * Opens a stream of the changes after event {@code afterEventId}, or after the newest event now
     * when it is null.
     */
    SseEmitter open(Long afterEventId, ChangeFilter filter) {
        return open(() -> new ChangeStream(afterEventId != null ? afterEventId : store.taskEventLatestId(), filter));
    }

    private final class ChangeStream extends PollingStream {
        private final ChangeFilter filter;
        private long position;
        private boolean moved;
        private long gapSeenAt;
        private long gapPosition = -1;

        ChangeStream(long position, ChangeFilter filter) {
            this.position = position;
            this.filter = filter;
        }

        @Override
        protected String opening() {
            return "task changes after event " + position;
        }

        @Override
        protected boolean poll() throws IOException {
            TaskChangePage page = store.taskChangesAfter(position, PAGE);
            boolean wrote = false;
            for (TaskChange change : page.changes()) {
                if (filter.matches(change)) {
                    send(change);
                    wrote = true;
                }
            }
            moved = page.nextAfter() != position;
            position = page.nextAfter();
            if (page.gap() != null) {
                if (gapPosition != position) {
                    gapPosition = position;
                    gapSeenAt = System.nanoTime();
                }
                boolean old = page.gap().nextEventAt().isBefore(clock.instant().minus(OLD_GAP));
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
            return wrote;
        }

        /** Caught up, or waiting for a gap to fill: wait for more. A stream behind reads on at once. */
        @Override
        protected boolean readOn() {
            return moved;
        }

        @Override
        protected SseEmitter.SseEventBuilder keepAlive() {
            return SseEmitter.event().id(String.valueOf(position)).comment("keep-alive");
        }

        private void send(TaskChange change) throws IOException {
            emitter.send(SseEmitter.event()
                    .name("task")
                    .id(String.valueOf(change.eventId()))
                    .data(jsonLine(TaskResponse.of(change.task()))));
        }

        @Override
        public String toString() {
            return "Event stream";
        }
    }
}
