package io.taskforge.schedule;

import java.util.Arrays;
import java.util.List;

/**
 * What a schedule does about slots it missed: slots more than {@link Misfires#THRESHOLD} in the
 * past when the leader gets to them, because no engine ran (downtime) or the leader was stuck.
 * Slots less late than that fire normally whatever the policy, so a leader change or a busy
 * database only delays them. See {@link Misfires#plan} for the exact rules.
 */
public enum MisfirePolicy {
    /** Missed slots are dropped; the schedule goes on with its next slot. */
    SKIP,
    /** The missed slots (and any due after them) fire once together, as the latest of them. */
    FIRE_ONCE,
    /** Every missed slot fires, the newest {@code misfireLimit} of them at most. */
    FIRE_ALL;

    public static List<String> names() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }
}
