package io.taskforge.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Cron expressions of both shapes, time zones, daylight saving, and epoch-aligned intervals. */
class TriggersTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void five_fields_are_a_unix_crontab_to_the_minute() {
        CronTrigger every5 = CronTrigger.parse("*/5 * * * *", UTC);

        assertThat(every5.nextAfter(Instant.parse("2026-01-05T09:02:10Z")))
                .contains(Instant.parse("2026-01-05T09:05:00Z"));
        assertThat(every5.nextAfter(Instant.parse("2026-01-05T09:05:00Z")))
                .contains(Instant.parse("2026-01-05T09:10:00Z"));
        assertThat(every5.latestAtOrBefore(Instant.parse("2026-01-05T09:05:00Z")))
                .contains(Instant.parse("2026-01-05T09:05:00Z"));
        assertThat(every5.latestAtOrBefore(Instant.parse("2026-01-05T09:04:59.999Z")))
                .contains(Instant.parse("2026-01-05T09:00:00Z"));
    }

    @Test
    void six_fields_start_with_seconds() {
        CronTrigger every10s = CronTrigger.parse("*/10 * * * * *", UTC);

        assertThat(every10s.nextAfter(Instant.parse("2026-01-05T09:00:00.500Z")))
                .contains(Instant.parse("2026-01-05T09:00:10Z"));
        assertThat(every10s.latestAtOrBefore(Instant.parse("2026-01-05T09:00:19.999Z")))
                .contains(Instant.parse("2026-01-05T09:00:10Z"));
    }

    @Test
    void six_fields_understand_question_marks_and_day_names() {
        CronTrigger weekdays = CronTrigger.parse("0 30 8 ? * MON-FRI", UTC);

        // 2026-01-10 is a Saturday: the next is Monday the 12th.
        assertThat(weekdays.nextAfter(Instant.parse("2026-01-10T00:00:00Z")))
                .contains(Instant.parse("2026-01-12T08:30:00Z"));
    }

    @Test
    void the_zone_decides_the_instant_in_summer_and_winter() {
        CronTrigger nine = CronTrigger.parse("0 9 * * *", BERLIN);

        assertThat(nine.nextAfter(Instant.parse("2026-01-05T00:00:00Z")))
                .contains(Instant.parse("2026-01-05T08:00:00Z"));
        assertThat(nine.nextAfter(Instant.parse("2026-07-05T00:00:00Z")))
                .contains(Instant.parse("2026-07-05T07:00:00Z"));
    }

    @Test
    void a_local_time_skipped_by_daylight_saving_does_not_fire_that_day() {
        // On 29 March 2026 Berlin jumps from 02:00 to 03:00: 02:30 does not exist.
        CronTrigger half2 = CronTrigger.parse("30 2 * * *", BERLIN);

        Instant next = half2.nextAfter(Instant.parse("2026-03-28T02:00:00Z")).orElseThrow();

        assertThat(next).isNotEqualTo(Instant.parse("2026-03-29T00:30:00Z"));
        assertThat(next).isAfter(Instant.parse("2026-03-29T00:00:00Z"));
    }

    @Test
    void other_field_counts_and_nonsense_are_refused_with_a_reason() {
        assertThatThrownBy(() -> CronTrigger.parse("* * * *", UTC))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4 fields");
        assertThatThrownBy(() -> CronTrigger.parse("* * * * * * *", UTC))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("7 fields");
        assertThatThrownBy(() -> CronTrigger.parse("61 * * * *", UTC)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CronTrigger.parse("a b c d e", UTC)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CronTrigger.parse("  ", UTC)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void extra_spaces_do_not_matter() {
        assertThat(CronTrigger.parse("  */5   *  * * * ", UTC).expression()).isEqualTo("*/5 * * * *");
    }

    @Test
    void intervals_are_aligned_to_the_epoch() {
        IntervalTrigger every30 = IntervalTrigger.ofSeconds(30);

        assertThat(every30.nextAfter(Instant.parse("2026-01-05T09:00:10Z")))
                .contains(Instant.parse("2026-01-05T09:00:30Z"));
        assertThat(every30.nextAfter(Instant.parse("2026-01-05T09:00:30Z")))
                .contains(Instant.parse("2026-01-05T09:01:00Z"));
        assertThat(every30.latestAtOrBefore(Instant.parse("2026-01-05T09:00:59.999Z")))
                .contains(Instant.parse("2026-01-05T09:00:30Z"));
    }

    @Test
    void intervals_are_whole_seconds() {
        assertThatThrownBy(() -> new IntervalTrigger(Duration.ofMillis(1500)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IntervalTrigger(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
