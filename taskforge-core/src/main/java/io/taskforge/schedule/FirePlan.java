package io.taskforge.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What to do with one schedule at one moment, as {@link Misfires#plan} decides it.
 *
 * @param fire the slots to fire now, oldest first
 * @param firedUpTo what the schedule's {@code firedUpTo} becomes once they fired: every slot up to
 *     it is done with, fired or dropped
 * @param missed how many slots were dropped; counted up to {@link Misfires#MAX_COUNTED} at most
 * @param next the first slot after {@code firedUpTo}: when to look again (empty: never)
 */
public record FirePlan(List<Instant> fire, Instant firedUpTo, int missed, Optional<Instant> next) {
    public FirePlan {
        fire = List.copyOf(fire);
    }
}
