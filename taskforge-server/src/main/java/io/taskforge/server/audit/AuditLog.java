package io.taskforge.server.audit;

import io.taskforge.audit.ActorKind;
import io.taskforge.audit.AuditEvent;
import io.taskforge.audit.AuditStore;
import io.taskforge.audit.Outcome;
import io.taskforge.server.auth.Caller;
import io.taskforge.time.Millis;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log of this server: every change made through the API (recorded by {@link
 * AuditRecordingFilter}) and whatever else calls {@link #record}, such as logins.
 *
 * <p>Recording never costs the caller a database commit. Events go into a bounded in-memory queue,
 * and one writer thread appends them in batches: as soon as {@value #DEFAULT_BATCH_SIZE} are waiting,
 * or about {@code flushAfter} (100 ms) after the first of a batch arrived, in one transaction. The
 * memory is bounded: when the queue is full (the database has fallen behind), the caller writes its
 * event and a batch of the waiting ones itself, synchronously, rather than dropping any.
 *
 * <p>What a crash can lose: the events still in the queue when the process dies without shutting
 * down (killed, out of memory, power lost) — those of roughly the last 100 ms, more when the
 * database was slow. An orderly shutdown ({@link #close}) writes everything first. A batch the
 * database refuses is tried {@value #WRITE_ATTEMPTS} times; after that its events are logged at
 * ERROR, one line each, so they are not lost without a trace.
 */
public final class AuditLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    static final int DEFAULT_CAPACITY = 10_000;
    static final int DEFAULT_BATCH_SIZE = 500;
    static final Duration DEFAULT_FLUSH_AFTER = Duration.ofMillis(100);
    private static final int WRITE_ATTEMPTS = 3;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    private static final long POLL_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /**
     * Who did something, as the audit log shows it.
     *
     * @param name the user's or API key's name, {@code system}, or the name an anonymous caller
     *     gave; null for nobody at all
     * @param tenantId the tenant acted in; null when not known
     * @param clientAddress where the request came from; null when there was none
     */
    public record Actor(String name, ActorKind kind, String tenantId, String clientAddress) {
        public Actor {
            Objects.requireNonNull(kind, "kind");
        }

        /** The caller of a request: an API key, a user, or the built-in {@code system} caller. */
        public static Actor of(Caller caller) {
            ActorKind kind;
            if (caller.apiKeyId() != null) {
                kind = ActorKind.API_KEY;
            } else if (caller.userId() != null) {
                kind = ActorKind.USER;
            } else {
                kind = ActorKind.SYSTEM;
            }
            return new Actor(caller.subject(), kind, caller.tenantId(), caller.clientAddress());
        }

        /** Someone not (yet) authenticated; {@code claimedName} is the login name they gave, or null. */
        public static Actor anonymous(String claimedName, String clientAddress) {
            return new Actor(claimedName, ActorKind.ANONYMOUS, null, clientAddress);
        }

        /** The same actor, seen at {@code address} when it carries no address of its own. */
        Actor from(String address) {
            return clientAddress != null ? this : new Actor(name, kind, tenantId, address);
        }
    }

    private final AuditStore store;
    private final Clock clock;
    private final int batchSize;
    private final long flushAfterNanos;
    private final BlockingQueue<AuditEvent> queue;
    private final Thread writer;
    private volatile boolean closing;

    public AuditLog(AuditStore store, Clock clock) {
        this(store, clock, DEFAULT_CAPACITY, DEFAULT_BATCH_SIZE, DEFAULT_FLUSH_AFTER);
    }

    AuditLog(AuditStore store, Clock clock, int capacity, int batchSize, Duration flushAfter) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (capacity < 1 || batchSize < 1) {
            throw new IllegalArgumentException("capacity and batch size must be at least 1");
        }
        this.batchSize = batchSize;
        this.flushAfterNanos = flushAfter.toNanos();
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer =
                Thread.ofPlatform().name("taskforge-audit-writer").daemon(true).start(this::writeLoop);
    }

    /**
     * Records what {@code caller} did.
     *
     * @param action {@code <resource>.<verb>}, such as {@code auth.login}
     * @param targetType the kind of thing acted on, or null
     * @param targetId which one, or null
     * @param status the HTTP status answered, or 0 when the action was no HTTP request
     * @param detail a short reason or note, or null; never a password, token, key or request body
     */
    public void record(
            Caller caller,
            String action,
            String targetType,
            String targetId,
            Outcome outcome,
            int status,
            String detail) {
        record(Actor.of(caller), action, targetType, targetId, outcome, status, detail);
    }

    /** Like {@link #record(Caller, String, String, String, Outcome, int, String)}, for any actor. */
    public void record(
            Actor actor,
            String action,
            String targetType,
            String targetId,
            Outcome outcome,
            int status,
            String detail) {
        record(AuditEvent.of(
                actor.tenantId(),
                Millis.now(clock),
                actor.name(),
                actor.kind(),
                action,
                targetType,
                targetId,
                actor.clientAddress(),
                outcome,
                status == 0 ? null : status,
                detail));
    }

    /** Queues the event for the writer, or writes it now when the queue is full or the log closed. */
    void record(AuditEvent event) {
        if (!closing && queue.offer(event)) {
            return;
        }
        // Back-pressure instead of loss: the caller pays for a batch of the backlog with its own event.
        List<AuditEvent> batch = new ArrayList<>(batchSize);
        batch.add(event);
        queue.drainTo(batch, batchSize - 1);
        write(batch, 1);
    }

    /** Events waiting to be written. */
    int pending() {
        return queue.size();
    }

    /** Writes everything still queued and stops the writer; later events are written at once. */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(CLOSE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            log.warn("the audit writer did not finish within {}; writing what is left here", CLOSE_WAIT);
            writer.interrupt();
        }
        List<AuditEvent> rest = new ArrayList<>();
        queue.drainTo(rest);
        for (int i = 0; i < rest.size(); i += batchSize) {
            write(rest.subList(i, Math.min(rest.size(), i + batchSize)), WRITE_ATTEMPTS);
        }
    }

    /** Background loops never die: a failure is logged and the loop goes on with the next batch. */
    private void writeLoop() {
        List<AuditEvent> batch = new ArrayList<>(batchSize);
        while (true) {
            try {
                AuditEvent first = queue.poll(closing ? 0 : 20, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                fill(batch);
                write(batch, WRITE_ATTEMPTS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable t) {
                log.error("the audit writer failed; it keeps running", t);
            } finally {
                batch.clear();
            }
        }
    }

    /** Adds what arrives within the flush delay (nothing more once closing) up to the batch size. */
    private void fill(List<AuditEvent> batch) throws InterruptedException {
        long deadline = System.nanoTime() + flushAfterNanos;
        while (batch.size() < batchSize) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || closing) {
                queue.drainTo(batch, batchSize - batch.size());
                return;
            }
            // Short polls, so a close is noticed at once rather than after the whole delay.
            AuditEvent next = queue.poll(Math.min(left, POLL_SLICE_NANOS), TimeUnit.NANOSECONDS);
            if (next != null) {
                batch.add(next);
            }
        }
    }

    private void write(List<AuditEvent> batch, int attempts) {
        for (int attempt = 1; ; attempt++) {
            try {
                store.auditAppend(batch);
                return;
            } catch (RuntimeException e) {
                if (attempt >= attempts) {
                    log.error("could not write {} audit events; they follow, one a line", batch.size(), e);
                    batch.forEach(lost -> log.error("audit event not written: {}", lost));
                    return;
                }
                log.warn("writing {} audit events failed (try {}); trying again", batch.size(), attempt, e);
                try {
                    Thread.sleep(250L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    attempts = attempt;
                }
            }
        }
    }
}
