package io.taskforge.testkit;

import io.taskforge.schedule.MisfirePolicy;
import io.taskforge.schedule.Schedule;
import io.taskforge.schedule.ScheduleTarget;
import io.taskforge.schedule.TaskTarget;
import io.taskforge.task.TaskIds;
import java.time.Instant;
import java.util.List;

/**
 * Schedule rows ready to insert, described in the domain's words:
 *
 * <pre>{@code
 * Schedule s = aSchedule().named("nightly").withCron("0 2 * * *", "Europe/Berlin").build();
 * }</pre>
 *
 * Defaults: every 60 s, a {@code noop} task, unpaused, {@link MisfirePolicy#FIRE_ONCE} with a
 * limit of 10, created (and fired up to) {@link TaskFixtures#T0}, next fire one minute later. Each
 * {@code build()} makes a new id.
 */
public final class ScheduleFixtures {
    private ScheduleFixtures() {}

    public static ScheduleBuilder aSchedule() {
        return new ScheduleBuilder();
    }

    public static final class ScheduleBuilder {
        private String tenantId = "default";
        private String name = "schedule";
        private String description;
        private String cron;
        private String timeZone;
        private Integer intervalSeconds = 60;
        private ScheduleTarget target = new TaskTarget("noop", null, "{}", null, null, List.of(), null, null);
        private boolean paused;
        private MisfirePolicy policy = MisfirePolicy.FIRE_ONCE;
        private int misfireLimit = 10;
        private Instant createdAt = TaskFixtures.T0;
        private Instant firedUpTo;
        private Instant nextFireAt;
        private boolean nextFireAtSet;

        private ScheduleBuilder() {}

        public ScheduleBuilder named(String v) {
            name = v;
            return this;
        }

        public ScheduleBuilder withDescription(String v) {
            description = v;
            return this;
        }

        public ScheduleBuilder withCron(String expression, String zone) {
            cron = expression;
            timeZone = zone;
            intervalSeconds = null;
            return this;
        }

        public ScheduleBuilder every(int seconds) {
            intervalSeconds = seconds;
            cron = null;
            timeZone = null;
            return this;
        }

        public ScheduleBuilder firing(ScheduleTarget v) {
            target = v;
            return this;
        }

        public ScheduleBuilder paused() {
            paused = true;
            return this;
        }

        public ScheduleBuilder withMisfire(MisfirePolicy v, int limit) {
            policy = v;
            misfireLimit = limit;
            return this;
        }

        public ScheduleBuilder inTenant(String v) {
            tenantId = v;
            return this;
        }

        public ScheduleBuilder createdAt(Instant v) {
            createdAt = v;
            return this;
        }

        public ScheduleBuilder firedUpTo(Instant v) {
            firedUpTo = v;
            return this;
        }

        public ScheduleBuilder nextFireAt(Instant v) {
            nextFireAt = v;
            nextFireAtSet = true;
            return this;
        }

        public Schedule build() {
            Instant upTo = firedUpTo == null ? createdAt : firedUpTo;
            Instant next = nextFireAtSet ? nextFireAt : paused ? null : upTo.plusSeconds(60);
            return new Schedule(
                    TaskIds.next(createdAt.toEpochMilli()),
                    tenantId,
                    name,
                    description,
                    cron,
                    timeZone,
                    intervalSeconds,
                    target,
                    paused,
                    policy,
                    misfireLimit,
                    upTo,
                    next,
                    createdAt,
                    createdAt);
        }
    }
}
