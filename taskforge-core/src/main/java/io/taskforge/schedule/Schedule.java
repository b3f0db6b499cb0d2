package io.taskforge.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A stored schedule: when it fires (a cron expression in a time zone, or a fixed interval), what
 * each fire creates, and where it stands.
 *
 * @param cron a 5- or 6-field cron expression (see {@link CronTrigger}); null for an interval
 * @param timeZone the zone {@code cron} is read in; null for an interval
 * @param intervalSeconds the interval; null for a cron
 * @param misfireLimit for {@link MisfirePolicy#FIRE_ALL}: the most missed slots that fire
 * @param firedUpTo every slot at or before this is done with (fired or dropped); a new or resumed
 *     schedule starts from the moment it was created or resumed
 * @param nextFireAt when the leader looks at the schedule next; null while paused or when it will
 *     never fire again
 */
public record Schedule(
        String id,
        String tenantId,
        String name,
        String description,
        String cron,
        String timeZone,
        Integer intervalSeconds,
        ScheduleTarget target,
        boolean paused,
        MisfirePolicy misfirePolicy,
        int misfireLimit,
        Instant firedUpTo,
        Instant nextFireAt,
        Instant createdAt,
        Instant updatedAt) {

    /** The slots; parsing a stored expression cannot fail, it was checked when stored. */
    public ScheduleTrigger trigger() {
        return cron != null
                ? CronTrigger.parse(cron, ZoneId.of(timeZone))
                : new IntervalTrigger(Duration.ofSeconds(intervalSeconds));
    }

    public Schedule withState(boolean paused, Instant firedUpTo, Instant nextFireAt, Instant updatedAt) {
        return new Schedule(
                id,
                tenantId,
                name,
                description,
                cron,
                timeZone,
                intervalSeconds,
                target,
                paused,
                misfirePolicy,
                misfireLimit,
                firedUpTo,
                nextFireAt,
                createdAt,
                updatedAt);
    }
}
