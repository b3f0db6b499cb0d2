package io.taskforge.store.jdbc;

import java.time.Duration;
import java.time.Instant;

/**
 * The arithmetic of a queue's rate limit: a token bucket refilled continuously at {@code rate}
 * tokens per second up to {@link #capacity(double)}, one token per task started. Its state (tokens
 * left, and when) lives in the queue's row; this class only computes.
 *
 * <p>The capacity, {@code max(1, rate / 5)}, is the largest burst: a fifth of a second's worth, at
 * least one task. So no window of one second sees more than {@code rate + capacity} starts, and a
 * queue idle for a while does not start a second's worth of tasks at once.
 */
final class TokenBucket {
    /**
     * Tolerance for floating-point drift: 0.2 s at 5 per second should refill exactly one token,
     * not 0.9999999999 of one.
     */
    private static final double EPSILON = 1e-9;

    private TokenBucket() {}

    static double capacity(double rate) {
        return Math.max(1.0, rate / 5.0);
    }

    /**
     * Tokens in the bucket at {@code now}. No stored state means a full bucket. A {@code now} before
     * {@code tokensAt} (another node's clock runs ahead) refills nothing rather than taking tokens
     * back.
     */
    static double available(double rate, Double tokens, Instant tokensAt, Instant now) {
        double capacity = capacity(rate);
        if (tokens == null || tokensAt == null) {
            return capacity;
        }
        long nanos = Duration.between(tokensAt, now).toNanos();
        double refilled = nanos > 0 ? nanos / 1e9 * rate : 0.0;
        return Math.min(capacity, tokens + refilled);
    }

    /** How many tasks may start now: the whole tokens available. */
    static int wholeTokens(double available) {
        return (int) Math.floor(available + EPSILON);
    }

    /** Tokens left after {@code taken} starts; never negative (the tolerance may take a hair more). */
    static double after(double available, int taken) {
        return Math.max(0.0, available - taken);
    }

    /**
     * When the stored state is from: the later of the two instants, so that the bucket's clock only
     * moves forward even when claimers on different nodes disagree slightly about the time.
     */
    static Instant stateAt(Instant tokensAt, Instant now) {
        return tokensAt != null && tokensAt.isAfter(now) ? tokensAt : now;
    }
}
