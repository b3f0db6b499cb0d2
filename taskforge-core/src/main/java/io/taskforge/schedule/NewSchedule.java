package io.taskforge.schedule;

/**
 * What a caller gives to create a schedule, or to replace one whole ({@code PUT}). Exactly one of
 * {@code cron} and {@code intervalSeconds}; {@code timeZone} only with a cron (default {@code
 * UTC}). Null {@code paused}, {@code misfirePolicy} and {@code misfireLimit} take {@code false},
 * {@link MisfirePolicy#FIRE_ONCE} and {@link ScheduleLimits#DEFAULT_MISFIRE_LIMIT}. Everything is
 * checked by {@link ScheduleService}.
 */
public record NewSchedule(
        String name,
        String description,
        String cron,
        String timeZone,
        Integer intervalSeconds,
        ScheduleTarget target,
        Boolean paused,
        String misfirePolicy,
        Integer misfireLimit) {}
