package io.taskforge.schedule;

import io.taskforge.client.TaskforgeClient;
import io.taskforge.engine.LeaderDuty;
import io.taskforge.script.ScriptService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader duty that fires schedules: each round takes the schedules whose {@code nextFireAt}
 * has come, decides with {@link Misfires#plan} which slots fire, and stores each fire with what it
 * created; then it sleeps until the earliest {@code nextFireAt} (the engine bounds the sleep, so
 * schedules created on other nodes are seen within a second).
 *
 * <p>Exactly one fire per slot, however many nodes: the engine runs this duty on one node at a
 * time (the {@value #LEADERSHIP} leadership), and should two leaders overlap (one stalled past its
 * lease), the store's unique (schedule, slot) key lets one fire through and answers the other
 * {@link FireResult.Status#ALREADY_FIRED}.
 *
 * <pre>{@code
 * Taskforge.builder(store)
 *         .leaderDuty(client -> new ScheduleFirer(schedules, client, scripts, null))
 *         .build();
 * }</pre>
 */
public final class ScheduleFirer implements LeaderDuty {
    private static final Logger log = LoggerFactory.getLogger(ScheduleFirer.class);
    public static final String LEADERSHIP = "schedules";
    /** Schedules taken per query; a round takes at most {@link #MAX_BATCHES} of them. */
    private static final int BATCH = 100;
    /** Bounds one round so that the leadership is renewed in time even with a huge backlog. */
    private static final int MAX_BATCHES = 10;
    /** How long a schedule that cannot be read is left alone before it is tried again. */
    private static final Duration BROKEN_RETRY = Duration.ofMinutes(1);

    private static final Duration IDLE = Duration.ofMinutes(1);

    private final ScheduleStore store;
    private final FireMaker maker;

    /**
     * @param scripts runs script targets; null refuses them at fire time
     * @param pipelines starts pipeline targets; null refuses them at fire time
     */
    public ScheduleFirer(
            ScheduleStore store, TaskforgeClient client, ScriptService scripts, PipelineRunLauncher pipelines) {
        this.store = store;
        this.maker = new FireMaker(client, scripts, pipelines);
    }

    @Override
    public String name() {
        return LEADERSHIP;
    }

    @Override
    public Duration runOnce(Instant now) {
        for (int i = 0; i < MAX_BATCHES; i++) {
            List<Schedule> due = store.scheduleListDue(now, BATCH);
            for (Schedule s : due) {
                fireDue(s, now);
            }
            if (due.size() < BATCH) {
                break;
            }
        }
        Optional<Instant> next = store.scheduleNextFireAt();
        if (next.isEmpty()) {
            return IDLE;
        }
        Duration d = Duration.between(now, next.get());
        return d.isNegative() ? Duration.ZERO : d;
    }

    /**
     * Fires what is due of one schedule at {@code now}.
     *
     * @return how many fires were stored
     */
    int fireDue(Schedule s, Instant now) {
        FirePlan plan;
        try {
            plan = Misfires.plan(
                    s.trigger(), s.firedUpTo(), now, s.misfirePolicy(), s.misfireLimit(), Misfires.THRESHOLD);
        } catch (RuntimeException e) {
            // A stored schedule was checked when stored; one that cannot be read now (a time zone
            // the JDK no longer knows) must not stop the others from firing.
            log.error("schedule {} ({}) cannot be planned; it is tried again in {}", s.name(), s.id(), BROKEN_RETRY, e);
            store.scheduleAdvance(s.id(), s.firedUpTo(), now.plus(BROKEN_RETRY));
            return 0;
        }
        Instant next = plan.next().orElse(null);
        int fired = 0;
        for (Instant slot : plan.fire()) {
            FireResult r = store.scheduleFire(maker.make(s, slot, now, next));
            switch (r.status()) {
                case FIRED -> fired++;
                case ALREADY_FIRED -> log.debug("slot {} of schedule {} had fired already", slot, s.id());
                case NOT_ACTIVE -> {
                    log.debug("schedule {} was paused or deleted while firing", s.id());
                    return fired;
                }
            }
        }
        if (plan.missed() > 0) {
            log.warn(
                    "schedule {} missed {}{} slots before {}; its misfire policy {} dropped them",
                    s.name(),
                    plan.missed(),
                    plan.missed() >= Misfires.MAX_COUNTED ? "+" : "",
                    now.minus(Misfires.THRESHOLD),
                    s.misfirePolicy());
        }
        store.scheduleAdvance(s.id(), plan.firedUpTo(), next);
        return fired;
    }
}
