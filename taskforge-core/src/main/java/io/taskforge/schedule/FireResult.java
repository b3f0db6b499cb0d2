package io.taskforge.schedule;

import java.util.Optional;

/**
 * What {@link ScheduleStore#scheduleFire} did.
 *
 * @param status whether the fire was stored, and if not, why
 * @param fire the stored fire, when {@code status} is {@link Status#FIRED}
 */
public record FireResult(Status status, Optional<ScheduleFire> fire) {

    public enum Status {
        /** Stored, with what it created. */
        FIRED,
        /** The slot was fired before (by this or another node); nothing was written. */
        ALREADY_FIRED,
        /** The schedule is paused (slot fires only) or gone; nothing was written. */
        NOT_ACTIVE
    }

    public static FireResult fired(ScheduleFire fire) {
        return new FireResult(Status.FIRED, Optional.of(fire));
    }

    public static FireResult of(Status status) {
        return new FireResult(status, Optional.empty());
    }
}
