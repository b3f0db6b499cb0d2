package io.taskforge.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The rate limiter's arithmetic; the contract suite checks it through claims on both databases. */
class TokenBucketTest {
    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

    @Test
    void holds_a_fifth_of_a_seconds_worth_and_never_less_than_one_token() {
        assertThat(TokenBucket.capacity(100)).isEqualTo(20.0);
        assertThat(TokenBucket.capacity(5)).isEqualTo(1.0);
        assertThat(TokenBucket.capacity(0.5)).isEqualTo(1.0);
    }

    @Test
    void an_untouched_bucket_is_full() {
        assertThat(TokenBucket.available(10, null, null, T0)).isEqualTo(2.0);
    }

    @Test
    void refills_continuously_up_to_its_capacity() {
        assertThat(TokenBucket.available(10, 0.0, T0, T0.plusMillis(150))).isCloseTo(1.5, within());
        assertThat(TokenBucket.available(10, 0.5, T0, T0.plusSeconds(60))).isEqualTo(2.0);
    }

    @Test
    void a_claimer_whose_clock_is_behind_gets_no_refill_and_takes_nothing_back() {
        assertThat(TokenBucket.available(10, 1.25, T0, T0.minusMillis(300))).isEqualTo(1.25);
        assertThat(TokenBucket.stateAt(T0, T0.minusMillis(300))).isEqualTo(T0);
        assertThat(TokenBucket.stateAt(T0, T0.plusMillis(300))).isEqualTo(T0.plusMillis(300));
    }

    @Test
    void a_token_refilled_with_rounding_error_still_counts_as_whole() {
        // 0.7 + 0.1 + 0.1 + 0.1 is 0.9999999999999999 in doubles: one start, not none.
        double drifted = 0.7 + 0.1 + 0.1 + 0.1;
        assertThat(drifted).isLessThan(1.0);
        assertThat(TokenBucket.wholeTokens(drifted)).isEqualTo(1);
        assertThat(TokenBucket.after(drifted, 1)).isZero();
        assertThat(TokenBucket.wholeTokens(0.99)).isZero();
    }

    private static Offset<Double> within() {
        return Offset.offset(1e-9);
    }
}
