package io.taskforge.audit;

import io.taskforge.engine.LeaderDuty;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader duty that keeps the audit log to its retention period: once a minute, like the task
 * retention of the maintenance duties, it removes events older than the period, a batch at a time.
 * Removing is idempotent, so a leader change at any point loses or doubles nothing.
 *
 * <pre>{@code
 * Taskforge.builder(store)
 *         .leaderDuty(client -> new AuditRetention(audit, Duration.ofDays(365)))
 *         .build();
 * }</pre>
 */
public final class AuditRetention implements LeaderDuty {
    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);
    public static final String LEADERSHIP = "audit-retention";
    /** The audit log is kept a year unless configured otherwise. */
    public static final Duration DEFAULT_PERIOD = Duration.ofDays(365);

    static final Duration INTERVAL = Duration.ofMinutes(1);
    private static final int BATCH = 1_000;
    /** Bounds one round, so a big backlog goes over some rounds and the leadership is renewed in time. */
    private static final int MAX_BATCHES_PER_ROUND = 50;

    private final AuditStore store;
    private final Duration period;
    private Instant nextPurge = Instant.MIN;

    /** @param period how long events are kept; must be positive (keeping forever needs no duty) */
    public AuditRetention(AuditStore store, Duration period) {
        this.store = Objects.requireNonNull(store, "store");
        if (period == null || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("audit retention period must be > 0, was " + period);
        }
        this.period = period;
    }

    @Override
    public String name() {
        return LEADERSHIP;
    }

    @Override
    public Duration runOnce(Instant now) {
        if (now.isBefore(nextPurge)) {
            return Duration.between(now, nextPurge);
        }
        purge(now);
        nextPurge = now.plus(INTERVAL);
        return INTERVAL;
    }

    /** Removes what is older than the period at {@code now}; returns how many events went. */
    public int purge(Instant now) {
        Instant before = now.minus(period);
        int total = 0;
        for (int i = 0; i < MAX_BATCHES_PER_ROUND; i++) {
            int removed = store.auditPurge(before, BATCH);
            total += removed;
            if (removed < BATCH) {
                break;
            }
        }
        if (total > 0) {
            log.info("removed {} audit events older than {}", total, period);
        }
        return total;
    }
}
