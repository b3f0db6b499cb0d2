package io.taskforge.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A fixed interval, aligned to the Unix epoch: every 30 s fires at :00 and :30 of each minute,
 * every hour on the hour (UTC). Aligning to the epoch rather than to the schedule's creation makes
 * the slots the same on every node and after every restart, without storing an anchor.
 */
public record IntervalTrigger(Duration every) implements ScheduleTrigger {

    public IntervalTrigger {
        Objects.requireNonNull(every, "every");
        if (every.toMillis() < 1000 || every.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("an interval is a whole number of seconds, at least 1: " + every);
        }
    }

    public static IntervalTrigger ofSeconds(long seconds) {
        return new IntervalTrigger(Duration.ofSeconds(seconds));
    }

    @Override
    public Optional<Instant> nextAfter(Instant t) {
        long step = every.toMillis();
        long at = t.toEpochMilli();
        return Optional.of(Instant.ofEpochMilli(Math.floorDiv(at, step) * step + step));
    }

    @Override
    public Optional<Instant> latestAtOrBefore(Instant t) {
        long step = every.toMillis();
        return Optional.of(Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), step) * step));
    }
}
