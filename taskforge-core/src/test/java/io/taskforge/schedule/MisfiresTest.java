package io.taskforge.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Misfires#plan}, case by case: every policy with nothing due, only on-time slots, only
 * missed slots, both, limits at and around the number missed, long downtimes, and the bounds.
 *
 * <p>Most cases use a one-minute interval (slots on every whole minute) and the one-minute
 * threshold, starting from T = 10:00:00.
 */
class MisfiresTest {
    private static final Instant T = Instant.parse("2026-03-02T10:00:00Z");
    private static final Duration THRESHOLD = Duration.ofMinutes(1);
    private static final ScheduleTrigger EVERY_MINUTE = IntervalTrigger.ofSeconds(60);

    private static Instant at(String hhmmss) {
        return Instant.parse("2026-03-02T" + hhmmss + "Z");
    }

    private static FirePlan plan(Instant firedUpTo, Instant now, MisfirePolicy policy, int limit) {
        return Misfires.plan(EVERY_MINUTE, firedUpTo, now, policy, limit, THRESHOLD);
    }

    @Nested
    class NothingMissed {
        @ParameterizedTest
        @EnumSource(MisfirePolicy.class)
        void nothing_is_due_before_the_next_slot(MisfirePolicy policy) {
            FirePlan p = plan(T, at("10:00:59.999"), policy, 10);

            assertThat(p.fire()).isEmpty();
            assertThat(p.missed()).isZero();
            assertThat(p.next()).contains(at("10:01:00"));
        }

        @ParameterizedTest
        @EnumSource(MisfirePolicy.class)
        void a_slot_fires_at_its_time(MisfirePolicy policy) {
            FirePlan p = plan(T, at("10:01:00"), policy, 10);

            assertThat(p.fire()).containsExactly(at("10:01:00"));
            assertThat(p.firedUpTo()).isEqualTo(at("10:01:00"));
            assertThat(p.next()).contains(at("10:02:00"));
        }

        @ParameterizedTest
        @EnumSource(MisfirePolicy.class)
        void a_slot_a_little_late_still_fires_whatever_the_policy(MisfirePolicy policy) {
            FirePlan p = plan(T, at("10:01:59"), policy, 1);

            assertThat(p.fire()).containsExactly(at("10:01:00"));
            assertThat(p.missed()).isZero();
        }

        @ParameterizedTest
        @EnumSource(MisfirePolicy.class)
        void a_slot_exactly_threshold_late_is_still_on_time_only_if_after_the_threshold(MisfirePolicy policy) {
            // 10:01 is exactly one minute old at 10:02: missed (at or before now - threshold).
            FirePlan p = plan(T, at("10:02:00"), policy, 10);

            switch (policy) {
                case SKIP -> assertThat(p.fire()).containsExactly(at("10:02:00"));
                case FIRE_ONCE -> assertThat(p.fire()).containsExactly(at("10:02:00"));
                case FIRE_ALL -> assertThat(p.fire()).containsExactly(at("10:01:00"), at("10:02:00"));
            }
        }

        @ParameterizedTest
        @EnumSource(MisfirePolicy.class)
        void several_on_time_slots_all_fire_in_order(MisfirePolicy policy) {
            ScheduleTrigger everySecond = IntervalTrigger.ofSeconds(1);
            FirePlan p = Misfires.plan(everySecond, T, T.plusSeconds(5), policy, 1, THRESHOLD);

            assertThat(p.fire())
                    .containsExactly(
                            T.plusSeconds(1), T.plusSeconds(2), T.plusSeconds(3), T.plusSeconds(4), T.plusSeconds(5));
            assertThat(p.missed()).isZero();
        }

        @ParameterizedTest
        @EnumSource(MisfirePolicy.class)
        void a_time_at_or_before_fired_up_to_plans_nothing(MisfirePolicy policy) {
            FirePlan p = plan(at("10:05:00"), at("10:04:00"), policy, 10);

            assertThat(p.fire()).isEmpty();
            assertThat(p.firedUpTo()).isEqualTo(at("10:05:00"));
            assertThat(p.next()).contains(at("10:06:00"));
        }
    }

    @Nested
    class AfterDowntime {
        // Fired up to 10:00, back at 10:10:30: 10:01..10:09 missed, 10:10 on time.
        private final Instant back = at("10:10:30");

        @Test
        void skip_drops_the_missed_slots_and_fires_the_on_time_one() {
            FirePlan p = plan(T, back, MisfirePolicy.SKIP, 10);

            assertThat(p.fire()).containsExactly(at("10:10:00"));
            assertThat(p.missed()).isEqualTo(9);
            assertThat(p.firedUpTo()).isEqualTo(back);
            assertThat(p.next()).contains(at("10:11:00"));
        }

        @Test
        void fire_once_fires_the_latest_due_slot_for_all_of_them() {
            FirePlan p = plan(T, back, MisfirePolicy.FIRE_ONCE, 10);

            assertThat(p.fire()).containsExactly(at("10:10:00"));
            assertThat(p.missed()).isEqualTo(9);
        }

        @Test
        void fire_all_fires_every_missed_slot_within_the_limit_then_the_on_time_one() {
            FirePlan p = plan(T, back, MisfirePolicy.FIRE_ALL, 10);

            assertThat(p.fire()).containsExactlyElementsOf(minutes(1, 10));
            assertThat(p.missed()).isZero();
        }

        @Test
        void fire_all_with_the_limit_exactly_the_number_missed_drops_nothing() {
            FirePlan p = plan(T, back, MisfirePolicy.FIRE_ALL, 9);

            assertThat(p.fire()).containsExactlyElementsOf(minutes(1, 10));
            assertThat(p.missed()).isZero();
        }

        @Test
        void fire_all_over_the_limit_fires_the_newest_missed_slots_and_drops_the_older() {
            FirePlan p = plan(T, back, MisfirePolicy.FIRE_ALL, 3);

            assertThat(p.fire()).containsExactly(at("10:07:00"), at("10:08:00"), at("10:09:00"), at("10:10:00"));
            assertThat(p.missed()).isEqualTo(6);
        }

        @Test
        void fire_all_with_a_limit_of_one_fires_the_latest_missed_slot() {
            FirePlan p = plan(T, back, MisfirePolicy.FIRE_ALL, 1);

            assertThat(p.fire()).containsExactly(at("10:09:00"), at("10:10:00"));
            assertThat(p.missed()).isEqualTo(8);
        }
    }

    @Nested
    class OnlyMissedSlots {
        // Every 5 minutes, fired up to 10:00, back at 10:32: 10:05..10:30 all missed, none on time.
        private final ScheduleTrigger everyFive = IntervalTrigger.ofSeconds(300);
        private final Instant back = at("10:32:00");

        private FirePlan plan(MisfirePolicy policy, int limit) {
            return Misfires.plan(everyFive, T, back, policy, limit, THRESHOLD);
        }

        @Test
        void skip_fires_nothing_and_waits_for_the_next_slot() {
            FirePlan p = plan(MisfirePolicy.SKIP, 10);

            assertThat(p.fire()).isEmpty();
            assertThat(p.missed()).isEqualTo(6);
            assertThat(p.firedUpTo()).isEqualTo(back);
            assertThat(p.next()).contains(at("10:35:00"));
        }

        @Test
        void fire_once_fires_the_latest_missed_slot() {
            FirePlan p = plan(MisfirePolicy.FIRE_ONCE, 10);

            assertThat(p.fire()).containsExactly(at("10:30:00"));
            assertThat(p.missed()).isEqualTo(5);
        }

        @Test
        void fire_all_fires_them_all_oldest_first() {
            FirePlan p = plan(MisfirePolicy.FIRE_ALL, 10);

            assertThat(p.fire())
                    .containsExactly(
                            at("10:05:00"),
                            at("10:10:00"),
                            at("10:15:00"),
                            at("10:20:00"),
                            at("10:25:00"),
                            at("10:30:00"));
        }

        @Test
        void fire_all_with_a_limit_keeps_the_newest() {
            FirePlan p = plan(MisfirePolicy.FIRE_ALL, 2);

            assertThat(p.fire()).containsExactly(at("10:25:00"), at("10:30:00"));
            assertThat(p.missed()).isEqualTo(4);
        }

        @Test
        void one_missed_slot_under_fire_once_is_that_slot() {
            FirePlan p = Misfires.plan(everyFive, T, at("10:07:00"), MisfirePolicy.FIRE_ONCE, 10, THRESHOLD);

            assertThat(p.fire()).containsExactly(at("10:05:00"));
            assertThat(p.missed()).isZero();
        }
    }

    @Nested
    class Bounds {
        private final ScheduleTrigger everySecond = IntervalTrigger.ofSeconds(1);

        @Test
        void a_month_of_downtime_on_a_one_second_schedule_is_planned_without_walking_it() {
            Instant back = T.plus(Duration.ofDays(30));

            FirePlan skip = Misfires.plan(everySecond, T, back, MisfirePolicy.SKIP, 10, THRESHOLD);
            FirePlan once = Misfires.plan(everySecond, T, back, MisfirePolicy.FIRE_ONCE, 10, THRESHOLD);
            FirePlan all = Misfires.plan(everySecond, T, back, MisfirePolicy.FIRE_ALL, 10, Duration.ZERO);

            assertThat(skip.missed()).isEqualTo(Misfires.MAX_COUNTED);
            assertThat(once.fire()).hasSize(1);
            assertThat(all.fire()).hasSize(10).last().isEqualTo(back);
            assertThat(all.missed()).isEqualTo(Misfires.MAX_COUNTED);
        }

        @Test
        void on_time_slots_beyond_the_bound_wait_for_the_next_round() {
            // A threshold of an hour puts 3600 one-second slots on time.
            FirePlan p =
                    Misfires.plan(everySecond, T, T.plusSeconds(3600), MisfirePolicy.SKIP, 10, Duration.ofHours(1));

            assertThat(p.fire()).hasSize(Misfires.MAX_ON_TIME);
            assertThat(p.firedUpTo()).isEqualTo(T.plusSeconds(Misfires.MAX_ON_TIME));
            assertThat(p.next()).contains(T.plusSeconds(Misfires.MAX_ON_TIME + 1));
        }

        @Test
        void a_cut_plan_under_fire_once_fires_the_latest_slot_it_saw() {
            FirePlan p = Misfires.plan(
                    everySecond, T, T.plusSeconds(3600 + 120), MisfirePolicy.FIRE_ONCE, 10, Duration.ofHours(1));

            assertThat(p.fire()).hasSize(1);
            assertThat(p.firedUpTo()).isEqualTo(p.fire().getFirst());
        }

        @Test
        void a_cron_that_never_fires_again_has_no_next_slot() {
            // 29 February: the next one is two years away, and nothing is due now.
            ScheduleTrigger leapDay = CronTrigger.parse("0 12 29 2 *", ZoneId.of("UTC"));
            FirePlan p = Misfires.plan(leapDay, T, at("10:00:30"), MisfirePolicy.SKIP, 10, THRESHOLD);

            assertThat(p.fire()).isEmpty();
            assertThat(p.next()).contains(Instant.parse("2028-02-29T12:00:00Z"));
        }

        @Test
        void bad_arguments_are_refused() {
            assertThatThrownBy(() -> plan(T, T, MisfirePolicy.FIRE_ALL, 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("limit");
            assertThatThrownBy(() -> Misfires.plan(EVERY_MINUTE, T, T, MisfirePolicy.SKIP, 1, Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("threshold");
        }
    }

    @Nested
    class WithCron {
        @Test
        void a_cron_schedule_follows_its_zone_across_downtime() {
            // 09:00 Berlin is 08:00 UTC in winter; down from 1 to 4 March, back at 08:00:30 UTC on the 4th.
            ScheduleTrigger nineBerlin = CronTrigger.parse("0 9 * * *", ZoneId.of("Europe/Berlin"));
            Instant firedUpTo = Instant.parse("2026-03-01T08:00:00Z");
            Instant back = Instant.parse("2026-03-04T08:00:30Z");

            FirePlan all = Misfires.plan(nineBerlin, firedUpTo, back, MisfirePolicy.FIRE_ALL, 10, THRESHOLD);
            FirePlan skip = Misfires.plan(nineBerlin, firedUpTo, back, MisfirePolicy.SKIP, 10, THRESHOLD);

            assertThat(all.fire())
                    .containsExactly(
                            Instant.parse("2026-03-02T08:00:00Z"),
                            Instant.parse("2026-03-03T08:00:00Z"),
                            Instant.parse("2026-03-04T08:00:00Z"));
            assertThat(skip.fire()).containsExactly(Instant.parse("2026-03-04T08:00:00Z"));
            assertThat(skip.missed()).isEqualTo(2);
        }
    }

    private static List<Instant> minutes(int from, int to) {
        return IntStream.rangeClosed(from, to)
                .mapToObj(m -> T.plus(Duration.ofMinutes(m)))
                .toList();
    }
}
