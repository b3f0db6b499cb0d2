package io.taskforge.schedule;

/**
 * A change of some fields of a schedule ({@code PATCH}); null leaves a field as it is. Giving
 * {@code cron} switches an interval schedule to a cron one and the other way round; a new {@code
 * target} replaces the old one whole.
 */
public record SchedulePatch(
        String name,
        String description,
        String cron,
        String timeZone,
        Integer intervalSeconds,
        ScheduleTarget target,
        String misfirePolicy,
        Integer misfireLimit) {

    public boolean isEmpty() {
        return name == null
                && description == null
                && cron == null
                && timeZone == null
                && intervalSeconds == null
                && target == null
                && misfirePolicy == null
                && misfireLimit == null;
    }
}
