package io.taskforge.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The firing rule of schedules, as one pure function: which slots to fire, given the last slot
 * done with, the time, the misfire policy and its limit. No I/O and no clock, so every case is a
 * plain unit test.
 *
 * <p>The slots due are those after {@code firedUpTo} and at or before {@code now}. A due slot is
 * <em>missed</em> when it is more than {@link #THRESHOLD} old; the others are <em>on time</em>
 * (a few seconds late because a leader changed or the database was slow is still on time):
 *
 * <ul>
 *   <li>Nothing missed: every on-time slot fires.
 *   <li>{@link MisfirePolicy#SKIP}: the missed slots are dropped, the on-time ones fire.
 *   <li>{@link MisfirePolicy#FIRE_ONCE}: one fire for all the due slots, as the latest of them.
 *   <li>{@link MisfirePolicy#FIRE_ALL}: the newest {@code limit} missed slots fire (older ones
 *       are dropped), then the on-time ones.
 * </ul>
 *
 * <p>The work is bounded whatever the downtime: at most {@link #MAX_ON_TIME} on-time slots and
 * {@code limit} missed ones are enumerated, and missed slots are found by walking back from the
 * threshold, never forward from a {@code firedUpTo} months ago. When more than {@link #MAX_ON_TIME}
 * slots are on time (a 1-second schedule with a threshold longer than the bound), the oldest are
 * fired and {@code firedUpTo} stops at the last of them, so the next round continues there.
 */
public final class Misfires {
    /** How late a slot may be and still fire normally whatever the policy. */
    public static final Duration THRESHOLD = Duration.ofMinutes(1);

    /** The most on-time slots one plan fires. */
    public static final int MAX_ON_TIME = 100;

    /** Dropped slots are counted (for the log and the history) up to this many. */
    public static final int MAX_COUNTED = 1_000;

    private Misfires() {}

    /**
     * Decides what to fire.
     *
     * @param trigger the schedule's slots
     * @param firedUpTo every slot at or before this is done with (fired or dropped)
     * @param now the time of the decision
     * @param policy what to do about missed slots
     * @param limit for {@link MisfirePolicy#FIRE_ALL}: the most missed slots that fire; at least 1
     * @param threshold how late a slot may be and still be on time; not negative
     */
    public static FirePlan plan(
            ScheduleTrigger trigger,
            Instant firedUpTo,
            Instant now,
            MisfirePolicy policy,
            int limit,
            Duration threshold) {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(firedUpTo, "firedUpTo");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(policy, "policy");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        if (threshold.isNegative()) {
            throw new IllegalArgumentException("threshold must not be negative, was " + threshold);
        }
        if (!now.isAfter(firedUpTo)) {
            return new FirePlan(List.of(), firedUpTo, 0, trigger.nextAfter(firedUpTo));
        }
        // Slots after this are on time, slots at or before it (and after firedUpTo) are missed.
        Instant missedBy = now.minus(threshold);
        Instant onTimeFrom = missedBy.isAfter(firedUpTo) ? missedBy : firedUpTo;

        List<Instant> onTime = new ArrayList<>();
        boolean onTimeCut = false;
        Optional<Instant> s = trigger.nextAfter(onTimeFrom);
        while (s.isPresent() && !s.get().isAfter(now)) {
            if (onTime.size() == MAX_ON_TIME) {
                onTimeCut = true;
                break;
            }
            onTime.add(s.get());
            s = trigger.nextAfter(s.get());
        }

        Optional<Instant> latestMissed = missedBy.isAfter(firedUpTo)
                ? trigger.latestAtOrBefore(missedBy).filter(m -> m.isAfter(firedUpTo))
                : Optional.empty();

        List<Instant> fire = new ArrayList<>();
        int missed = 0;
        if (latestMissed.isEmpty()) {
            fire.addAll(onTime);
        } else {
            switch (policy) {
                case SKIP -> {
                    missed = countBack(trigger, latestMissed.get(), firedUpTo, MAX_COUNTED);
                    fire.addAll(onTime);
                }
                case FIRE_ONCE -> {
                    // The latest due slot stands for all of them. When the on-time slots were cut
                    // short, the latest one seen stands in, and the next round goes on from there.
                    missed = countBack(trigger, latestMissed.get(), firedUpTo, MAX_COUNTED) + onTime.size() - 1;
                    fire.add(onTime.isEmpty() ? latestMissed.get() : onTime.getLast());
                }
                case FIRE_ALL -> {
                    Deque<Instant> newest = new ArrayDeque<>();
                    Optional<Instant> m = latestMissed;
                    while (m.isPresent() && newest.size() < limit) {
                        newest.addFirst(m.get());
                        m = trigger.latestAtOrBefore(m.get().minusMillis(1)).filter(x -> x.isAfter(firedUpTo));
                    }
                    if (m.isPresent()) {
                        missed = countBack(trigger, m.get(), firedUpTo, MAX_COUNTED);
                    }
                    fire.addAll(newest);
                    fire.addAll(onTime);
                }
            }
        }
        Instant upTo = onTimeCut ? onTime.getLast() : now;
        return new FirePlan(fire, upTo, Math.min(missed, MAX_COUNTED), trigger.nextAfter(upTo));
    }

    /** How many slots lie in {@code (after, from]}, counting back from {@code from}, at most {@code max}. */
    private static int countBack(ScheduleTrigger trigger, Instant from, Instant after, int max) {
        int n = 0;
        Optional<Instant> m = Optional.of(from);
        while (m.isPresent() && m.get().isAfter(after) && n < max) {
            n++;
            m = trigger.latestAtOrBefore(m.get().minusMillis(1));
        }
        return n;
    }
}
