package io.taskforge.time;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The engine's notion of "now": millisecond precision everywhere. Both stores keep at least
 * milliseconds (SQLite as epoch millis), so an instant written and read back compares equal.
 */
public final class Millis {
    private Millis() {}

    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
