package io.taskforge.retry;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter.
 *
 * <p>After failed attempt {@code n} (1-based) the task waits a random time between zero and
 * {@code min(max, initial × multiplier^(n-1))}. With the defaults (1 s, ×2, at most 10 min) the
 * ceilings are 1 s, 2 s, 4 s, 8 s, ... 512 s, then 600 s for every later attempt. Full jitter
 * (rather than a fixed delay) spreads out the retries of tasks that failed together, say when a
 * downstream service went away, so they do not come back as one burst.
 */
public record RetryPolicy(Duration initial, double multiplier, Duration max) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(1), 2.0, Duration.ofMinutes(10));

    public RetryPolicy {
        if (initial == null || initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("retry initial delay must be positive, was " + initial);
        }
        if (!(multiplier >= 1.0) || multiplier > 100) {
            throw new IllegalArgumentException("retry multiplier must be 1..100, was " + multiplier);
        }
        if (max == null || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("retry max delay must be at least the initial delay, was " + max);
        }
    }

    /** The upper bound of the wait after failed attempt {@code attempt} (1-based). */
    public Duration ceiling(int attempt) {
        double factor = Math.pow(multiplier, Math.max(0, attempt - 1));
        double millis = initial.toMillis() * factor;
        if (!(millis < max.toMillis())) { // also catches overflow to infinity
            return max;
        }
        return Duration.ofMillis((long) millis);
    }

    /** A wait after failed attempt {@code attempt}: uniform in [0, ceiling]. */
    public Duration delay(int attempt, DoubleSupplier random) {
        return Duration.ofMillis((long) (random.getAsDouble() * ceiling(attempt).toMillis()));
    }
}
