package io.taskforge.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = RetryPolicy.DEFAULT;

    @Test
    void ceilings_double_from_one_second_up_to_ten_minutes() {
        assertThat(policy.ceiling(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.ceiling(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.ceiling(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.ceiling(10)).isEqualTo(Duration.ofSeconds(512));
        assertThat(policy.ceiling(11)).isEqualTo(Duration.ofMinutes(10));
        assertThat(policy.ceiling(1_000)).isEqualTo(Duration.ofMinutes(10));
        assertThat(policy.ceiling(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void full_jitter_spreads_the_delay_between_zero_and_the_ceiling() {
        assertThat(policy.delay(3, () -> 0.0)).isEqualTo(Duration.ZERO);
        assertThat(policy.delay(3, () -> 0.5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delay(3, () -> 0.999_999)).isLessThanOrEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void rejects_settings_that_make_no_sense_naming_the_setting() {
        assertThatThrownBy(() -> new RetryPolicy(Duration.ZERO, 2, Duration.ofSeconds(1)))
                .hasMessageContaining("initial");
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1)))
                .hasMessageContaining("multiplier");
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(2), 2, Duration.ofSeconds(1)))
                .hasMessageContaining("max");
    }
}
