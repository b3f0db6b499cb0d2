package io.taskforge.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/** A clock tests move by hand instead of sleeping. Starts at a fixed, millisecond-aligned instant. */
public final class SettableClock extends Clock {
    private final AtomicReference<Instant> now;

    public SettableClock() {
        this(Instant.parse("2026-01-05T09:00:00Z"));
    }

    public SettableClock(Instant start) {
        this.now = new AtomicReference<>(start.truncatedTo(ChronoUnit.MILLIS));
    }

    public void set(Instant instant) {
        now.set(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    public Instant advance(Duration d) {
        return now.updateAndGet(n -> n.plus(d));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("SettableClock is UTC only");
    }
}
