package io.taskforge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskforge.engine.EngineConfig;
import io.taskforge.engine.Taskforge;
import io.taskforge.json.JsonCodec;
import io.taskforge.schedule.FireOutcome;
import io.taskforge.schedule.MisfirePolicy;
import io.taskforge.schedule.NewSchedule;
import io.taskforge.schedule.Schedule;
import io.taskforge.schedule.ScheduleFire;
import io.taskforge.schedule.ScheduleFirer;
import io.taskforge.schedule.ScheduleService;
import io.taskforge.schedule.ScheduleStore;
import io.taskforge.schedule.TaskTarget;
import io.taskforge.store.TaskStore;
import io.taskforge.task.Task;
import io.taskforge.task.TaskQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Schedules fired by real engines on a real database, as one JUnit suite each store runs. Every
 * engine has a store (and a connection pool) of its own on the same database, and all of them read
 * one {@link SettableClock}: the test moves time, the engines' leader loops fire what came due.
 * Waiting is bounded in real time, and nothing asserts how long anything took.
 */
public abstract class ScheduleEngineContract {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** What the real time between two clock steps is: room for the leader loop to look. */
    private static final Duration STEP_PAUSE = Duration.ofMillis(100);

    protected final SettableClock clock = new SettableClock(Instant.parse("2026-01-05T09:00:00Z"));
    protected final JsonCodec json = JsonCodec.load();
    private final List<Taskforge> engines = Collections.synchronizedList(new ArrayList<>());
    private int engineCount;

    /** A store on an empty database. */
    protected abstract TaskStore newStore();

    /** Another store (its own pool) on the database of the last {@link #newStore()}. */
    protected abstract TaskStore sameDatabaseAgain();

    /** The schedules kept with {@code store}. */
    protected abstract ScheduleStore scheduleStore(TaskStore store);

    private final List<TaskStore> views = new ArrayList<>();

    @AfterEach
    final void closeEngines() {
        for (Taskforge tf : engines) {
            tf.close();
        }
        views.forEach(TaskStore::close);
    }

    /**
     * An engine that runs no tasks (they stay QUEUED, to be counted) but competes for the leader
     * duties. A lease of 6 s (clock time) makes the leadership change hands within 3 s of a stop.
     */
    private Taskforge startEngine(TaskStore store) {
        Taskforge tf = Taskforge.builder(store)
                .clock(clock)
                .json(json)
                .config(EngineConfig.builder()
                        .workerEnabled(false)
                        .workerId("engine-" + (++engineCount))
                        .leaseDuration(Duration.ofSeconds(6))
                        .heartbeatInterval(Duration.ofSeconds(2))
                        .build())
                .leaderDuty(client -> new ScheduleFirer(scheduleStore(store), client, null, null))
                .build();
        engines.add(tf);
        tf.start();
        return tf;
    }

    private static ScheduleService service(Taskforge tf, ScheduleStore store, SettableClock clock, JsonCodec json) {
        return new ScheduleService(store, tf.client(), null, null, json, clock);
    }

    private static NewSchedule cron(String name, String cron, MisfirePolicy policy, int limit) {
        return new NewSchedule(
                name,
                null,
                cron,
                "UTC",
                null,
                new TaskTarget("noop", null, "{}", null, null, List.of(), null, null),
                false,
                policy.name(),
                limit);
    }

    private static void pause() {
        try {
            Thread.sleep(STEP_PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<Instant> slotsOf(ScheduleStore store, Schedule s) {
        List<Instant> slots = new ArrayList<>(store.scheduleFireList(s.id(), null, 500).stream()
                .map(ScheduleFire::slot)
                .toList());
        Collections.reverse(slots);
        return slots;
    }

    @Test
    void three_engines_fire_an_every_second_schedule_for_thirty_slots_exactly_once_each() {
        clock.set(Instant.parse("2026-01-05T09:59:55Z"));
        // The test's own view of the database; each engine gets a store (a pool) of its own.
        TaskStore first = newStore();
        views.add(first);
        ScheduleStore schedules = scheduleStore(first);
        List<Taskforge> running = new ArrayList<>();
        running.add(startEngine(sameDatabaseAgain()));
        running.add(startEngine(sameDatabaseAgain()));
        running.add(startEngine(sameDatabaseAgain()));
        // Seconds 0..29 of 10:00 every day: every second, for exactly 30 slots.
        Schedule s = service(running.getFirst(), schedules, clock, json)
                .create(cron("thirty-seconds", "0-29 0 10 * * *", MisfirePolicy.FIRE_ALL, 10));

        // Step the clock a second at a time through the 30 slots. Every 8 s the oldest engine is
        // closed and a new one started, so all three of the first engines are gone before the last
        // slot: whichever led at 10:00:00, the leadership changed hands at least once.
        Instant end = Instant.parse("2026-01-05T10:00:40Z");
        int step = 0;
        while (clock.instant().isBefore(end)) {
            clock.advance(Duration.ofSeconds(1));
            pause();
            if (++step % 8 == 0 && step <= 32) {
                running.removeFirst().close();
                running.add(startEngine(sameDatabaseAgain()));
            }
        }
        await().atMost(WAIT)
                .until(() -> !schedules
                        .scheduleGet(s.id())
                        .orElseThrow()
                        .firedUpTo()
                        .isBefore(Instant.parse("2026-01-05T10:00:29Z")));

        List<Instant> expected = IntStream.range(0, 30)
                .mapToObj(i -> Instant.parse("2026-01-05T10:00:00Z").plusSeconds(i))
                .toList();
        List<ScheduleFire> fires = schedules.scheduleFireList(s.id(), null, 500);
        assertThat(slotsOf(schedules, s)).containsExactlyElementsOf(expected);
        assertThat(fires).allSatisfy(f -> assertThat(f.outcome()).isEqualTo(FireOutcome.CREATED));
        List<Task> tasks =
                first.taskList(TaskQuery.builder().limit(500).build()).items();
        assertThat(tasks).hasSize(30);
        assertThat(tasks)
                .extracting(Task::id)
                .containsExactlyInAnyOrderElementsOf(
                        fires.stream().map(ScheduleFire::taskId).toList());
    }

    @Test
    void skip_drops_the_slots_missed_while_no_engine_ran() {
        assertThat(firesAfterDowntime(MisfirePolicy.SKIP, 10)).containsExactly(at("09:05"), at("09:35"));
    }

    @Test
    void fire_once_fires_the_latest_missed_slot_once() {
        assertThat(firesAfterDowntime(MisfirePolicy.FIRE_ONCE, 10))
                .containsExactly(at("09:05"), at("09:30"), at("09:35"));
    }

    @Test
    void fire_all_fires_every_missed_slot() {
        assertThat(firesAfterDowntime(MisfirePolicy.FIRE_ALL, 10))
                .containsExactly(
                        at("09:05"), at("09:10"), at("09:15"), at("09:20"), at("09:25"), at("09:30"), at("09:35"));
    }

    @Test
    void fire_all_fires_the_newest_missed_slots_up_to_its_limit() {
        assertThat(firesAfterDowntime(MisfirePolicy.FIRE_ALL, 3))
                .containsExactly(at("09:05"), at("09:20"), at("09:25"), at("09:30"), at("09:35"));
    }

    private static Instant at(String hhmm) {
        return Instant.parse("2026-01-05T" + hhmm + ":00Z");
    }

    /**
     * A schedule every five minutes fires 09:05; then no engine runs from 09:06 to 09:32 (five
     * slots missed, 09:10 to 09:30); a new engine starts at 09:32, and the clock goes on to fire
     * 09:35 normally. Returns the slots fired, oldest first.
     */
    private List<Instant> firesAfterDowntime(MisfirePolicy policy, int limit) {
        TaskStore store = newStore();
        ScheduleStore schedules = scheduleStore(store);
        Taskforge before = startEngine(store);
        Schedule s = service(before, schedules, clock, json).create(cron("five", "*/5 * * * *", policy, limit));

        clock.set(at("09:05").plusMillis(500));
        await().atMost(WAIT).until(() -> slotsOf(schedules, s).size() == 1);
        clock.set(at("09:06"));
        before.close();

        clock.set(at("09:32"));
        TaskStore again = sameDatabaseAgain();
        ScheduleStore schedulesAgain = scheduleStore(again);
        startEngine(again);
        await().atMost(WAIT)
                .until(() -> !schedulesAgain
                        .scheduleGet(s.id())
                        .orElseThrow()
                        .firedUpTo()
                        .isBefore(at("09:32")));

        clock.set(at("09:35").plusMillis(500));
        await().atMost(WAIT).until(() -> slotsOf(schedulesAgain, s).contains(at("09:35")));
        List<Instant> slots = slotsOf(schedulesAgain, s);
        assertThat(again.taskList(TaskQuery.builder().limit(500).build()).items())
                .hasSize(slots.size());
        return slots;
    }

    @Test
    void a_paused_schedule_fires_nothing_and_after_resuming_only_what_comes_after() {
        TaskStore store = newStore();
        ScheduleStore schedules = scheduleStore(store);
        Taskforge tf = startEngine(store);
        ScheduleService service = service(tf, schedules, clock, json);
        Schedule s = service.create(cron("five", "*/5 * * * *", MisfirePolicy.FIRE_ALL, 10));

        service.pause("five");
        clock.set(at("09:32"));
        // Wait out a few leader rounds at 09:32: a paused schedule is not due.
        for (int i = 0; i < 20; i++) {
            pause();
        }
        assertThat(slotsOf(schedules, s)).isEmpty();

        service.resume("five");
        clock.set(at("09:35").plusMillis(500));
        await().atMost(WAIT).until(() -> !slotsOf(schedules, s).isEmpty());
        assertThat(slotsOf(schedules, s)).containsExactly(at("09:35"));
    }
}
