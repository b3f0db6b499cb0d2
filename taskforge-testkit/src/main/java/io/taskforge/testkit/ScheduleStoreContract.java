package io.taskforge.testkit;

import static io.taskforge.testkit.ScheduleFixtures.aSchedule;
import static io.taskforge.testkit.TaskFixtures.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskforge.schedule.FireOutcome;
import io.taskforge.schedule.FireResult;
import io.taskforge.schedule.MisfirePolicy;
import io.taskforge.schedule.PipelineTarget;
import io.taskforge.schedule.Schedule;
import io.taskforge.schedule.ScheduleFire;
import io.taskforge.schedule.ScheduleFiring;
import io.taskforge.schedule.ScheduleNameTakenException;
import io.taskforge.schedule.ScheduleStore;
import io.taskforge.schedule.ScriptTarget;
import io.taskforge.schedule.TaskTarget;
import io.taskforge.store.TaskStore;
import io.taskforge.task.Priority;
import io.taskforge.task.Task;
import io.taskforge.task.TaskQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ScheduleStore} must show, as one JUnit suite each store runs:
 *
 * <pre>{@code
 * class SqliteScheduleStoreTest extends ScheduleStoreContract {
 *     @TempDir Path dir;
 *
 *     protected TaskStore createStore() { return JdbcStores.sqlite(dir.resolve("tasks.db")); }
 *     protected ScheduleStore scheduleStore(TaskStore store) { return JdbcStores.schedules(store); }
 * }
 * }</pre>
 *
 * Schedules live beside the tasks (a fire and its task are one transaction), so each test opens a
 * task store on an empty database and takes its schedules from {@link #scheduleStore}.
 */
public abstract class ScheduleStoreContract {
    /** The tenant fixtures are made in. */
    static final String TENANT = "default";

    private static final Instant T0 = TaskFixtures.T0;

    private TaskStore tasks;
    private ScheduleStore schedules;

    /** A task store on an empty database, which the suite closes after the test. */
    protected abstract TaskStore createStore();

    /** The schedules kept with {@code store}. */
    protected abstract ScheduleStore scheduleStore(TaskStore store);

    @BeforeEach
    final void openStore() {
        tasks = createStore();
        schedules = scheduleStore(tasks);
    }

    @AfterEach
    final void closeStore() {
        if (tasks != null) {
            tasks.close();
        }
    }

    private Schedule insert(ScheduleFixtures.ScheduleBuilder b) {
        return schedules.scheduleInsert(b.build());
    }

    private static ScheduleFiring slotFire(Schedule s, Instant slot, Task task) {
        return new ScheduleFiring(s.id(), slot, slot.plusMillis(5), task, null, null, slot.plusSeconds(60));
    }

    private static Task taskFor(Schedule s, Instant slot) {
        return aTask().withType("noop")
                .withIdempotencyKey("schedule:" + s.id() + ":" + slot.toEpochMilli())
                .createdAt(slot)
                .build();
    }

    private List<Task> allTasks() {
        return tasks.taskList(TaskQuery.builder().limit(500).build()).items();
    }

    @Test
    void each_tenant_sees_only_its_own_schedules_by_name_and_in_lists() {
        Schedule mine = insert(aSchedule().named("nightly"));
        Schedule theirs = insert(aSchedule().named("nightly").inTenant("other"));

        assertThat(schedules.scheduleGetByName(TENANT, "nightly")).contains(mine);
        assertThat(schedules.scheduleGetByName("other", "nightly")).contains(theirs);
        assertThat(schedules.scheduleGetByName("nobody", "nightly")).isEmpty();
        assertThat(schedules.scheduleList(TENANT, null, 10)).containsExactly(mine);
        assertThat(schedules.scheduleList("other", null, 10)).containsExactly(theirs);
        assertThat(schedules.scheduleGet(theirs.id()))
                .get()
                .extracting(Schedule::tenantId)
                .isEqualTo("other");
    }

    @Test
    void a_schedule_reads_back_as_stored_by_id_and_by_name() {
        Schedule s = insert(aSchedule()
                .named("nightly")
                .withDescription("the nightly export")
                .withCron("0 2 * * *", "Europe/Berlin")
                .firing(new TaskTarget(
                        "shell",
                        "export",
                        "{\"command\":\"echo hi\"}",
                        "exports",
                        Priority.HIGH,
                        List.of("etl", "nightly"),
                        2,
                        600))
                .withMisfire(MisfirePolicy.FIRE_ALL, 7));

        assertThat(schedules.scheduleGet(s.id())).contains(s);
        assertThat(schedules.scheduleGetByName(TENANT, "nightly")).contains(s);
        assertThat(schedules.scheduleGet(s.id().toUpperCase())).contains(s);
        assertThat(schedules.scheduleGet("not-an-id")).isEmpty();
        assertThat(schedules.scheduleGetByName(TENANT, "other")).isEmpty();
    }

    @Test
    void script_and_pipeline_targets_read_back_as_stored() {
        Schedule script = insert(aSchedule().named("a").firing(new ScriptTarget("report", "{\"month\":\"2026-01\"}")));
        Schedule pipeline = insert(aSchedule().named("b").firing(new PipelineTarget("etl", null)));

        assertThat(schedules.scheduleGet(script.id()).orElseThrow().target())
                .isEqualTo(new ScriptTarget("report", "{\"month\":\"2026-01\"}"));
        assertThat(schedules.scheduleGet(pipeline.id()).orElseThrow().target())
                .isEqualTo(new PipelineTarget("etl", null));
    }

    @Test
    void a_name_is_held_by_one_undeleted_schedule() {
        Schedule first = insert(aSchedule().named("nightly"));

        assertThatThrownBy(() -> insert(aSchedule().named("nightly")))
                .isInstanceOf(ScheduleNameTakenException.class)
                .hasMessageContaining("nightly");

        schedules.scheduleDelete(first.id(), T0.plusSeconds(1));
        Schedule second = insert(aSchedule().named("nightly"));
        assertThat(schedules.scheduleGetByName(TENANT, "nightly")).contains(second);
        assertThat(schedules.scheduleGet(first.id())).isEmpty();
    }

    @Test
    void the_list_is_by_name_in_pages() {
        insert(aSchedule().named("b"));
        insert(aSchedule().named("a"));
        insert(aSchedule().named("c"));
        Schedule deleted = insert(aSchedule().named("bb"));
        schedules.scheduleDelete(deleted.id(), T0);

        assertThat(schedules.scheduleList(TENANT, null, 2))
                .extracting(Schedule::name)
                .containsExactly("a", "b");
        assertThat(schedules.scheduleList(TENANT, "b", 2))
                .extracting(Schedule::name)
                .containsExactly("c");
    }

    @Test
    void an_update_writes_the_fields_but_never_moves_fired_up_to_back() {
        Schedule s = insert(aSchedule().named("x").firedUpTo(T0.plusSeconds(600)));
        Schedule changed = new Schedule(
                s.id(),
                s.tenantId(),
                "y",
                "now described",
                "*/5 * * * *",
                "UTC",
                null,
                new ScriptTarget("report", null),
                true,
                MisfirePolicy.SKIP,
                3,
                T0,
                null,
                s.createdAt(),
                T0.plusSeconds(700));

        Schedule stored = schedules.scheduleUpdate(changed).orElseThrow();

        assertThat(stored.name()).isEqualTo("y");
        assertThat(stored.cron()).isEqualTo("*/5 * * * *");
        assertThat(stored.intervalSeconds()).isNull();
        assertThat(stored.target()).isEqualTo(new ScriptTarget("report", null));
        assertThat(stored.paused()).isTrue();
        assertThat(stored.misfirePolicy()).isEqualTo(MisfirePolicy.SKIP);
        assertThat(stored.firedUpTo()).isEqualTo(T0.plusSeconds(600));
        assertThat(stored.nextFireAt()).isNull();
        assertThat(stored.updatedAt()).isEqualTo(T0.plusSeconds(700));
    }

    @Test
    void an_update_to_a_taken_name_is_refused() {
        insert(aSchedule().named("x"));
        Schedule y = insert(aSchedule().named("y"));

        assertThatThrownBy(() -> schedules.scheduleUpdate(new Schedule(
                        y.id(),
                        y.tenantId(),
                        "x",
                        null,
                        null,
                        null,
                        60,
                        y.target(),
                        false,
                        y.misfirePolicy(),
                        1,
                        y.firedUpTo(),
                        y.nextFireAt(),
                        y.createdAt(),
                        T0)))
                .isInstanceOf(ScheduleNameTakenException.class);
    }

    @Test
    void due_schedules_are_the_unpaused_undeleted_ones_whose_time_came_earliest_first() {
        Schedule late = insert(aSchedule().named("late").nextFireAt(T0.plusSeconds(20)));
        Schedule early = insert(aSchedule().named("early").nextFireAt(T0.plusSeconds(10)));
        insert(aSchedule().named("future").nextFireAt(T0.plusSeconds(100)));
        insert(aSchedule().named("paused").paused().nextFireAt(T0.plusSeconds(5)));
        Schedule deleted = insert(aSchedule().named("deleted").nextFireAt(T0.plusSeconds(1)));
        schedules.scheduleDelete(deleted.id(), T0);

        assertThat(schedules.scheduleListDue(T0.plusSeconds(20), 10))
                .extracting(Schedule::id)
                .containsExactly(early.id(), late.id());
        assertThat(schedules.scheduleListDue(T0.plusSeconds(20), 1))
                .extracting(Schedule::id)
                .containsExactly(early.id());
        assertThat(schedules.scheduleNextFireAt()).contains(T0.plusSeconds(10));
    }

    @Test
    void no_schedule_means_no_next_fire() {
        insert(aSchedule().named("paused").paused());

        assertThat(schedules.scheduleNextFireAt()).isEmpty();
    }

    @Test
    void a_fire_stores_its_task_and_moves_fired_up_to_in_one_go() {
        Schedule s = insert(aSchedule().named("x"));
        Instant slot = T0.plusSeconds(60);
        Task task = taskFor(s, slot);

        FireResult r = schedules.scheduleFire(slotFire(s, slot, task));

        assertThat(r.status()).isEqualTo(FireResult.Status.FIRED);
        ScheduleFire fire = r.fire().orElseThrow();
        assertThat(fire.scheduleId()).isEqualTo(s.id());
        assertThat(fire.slot()).isEqualTo(slot);
        assertThat(fire.firedAt()).isEqualTo(slot.plusMillis(5));
        assertThat(fire.outcome()).isEqualTo(FireOutcome.CREATED);
        assertThat(fire.taskId()).isEqualTo(task.id());
        assertThat(tasks.taskGet(task.id())).isPresent();
        Schedule after = schedules.scheduleGet(s.id()).orElseThrow();
        assertThat(after.firedUpTo()).isEqualTo(slot);
        assertThat(after.nextFireAt()).isEqualTo(slot.plusSeconds(60));
        assertThat(schedules.scheduleFireList(s.id(), null, 10)).containsExactly(fire);
    }

    @Test
    void a_slot_fires_once_and_a_repeat_writes_nothing() {
        Schedule s = insert(aSchedule().named("x"));
        Instant slot = T0.plusSeconds(60);
        schedules.scheduleFire(slotFire(s, slot, taskFor(s, slot)));

        FireResult again = schedules.scheduleFire(slotFire(s, slot, taskFor(s, slot)));
        FireResult older = schedules.scheduleFire(slotFire(s, T0.plusSeconds(30), taskFor(s, T0.plusSeconds(30))));

        assertThat(again.status()).isEqualTo(FireResult.Status.ALREADY_FIRED);
        assertThat(older.status()).isEqualTo(FireResult.Status.ALREADY_FIRED);
        assertThat(allTasks()).hasSize(1);
        assertThat(schedules.scheduleFireList(s.id(), null, 10)).hasSize(1);
    }

    @Test
    void racing_fires_of_one_slot_store_exactly_one() throws Exception {
        Schedule s = insert(aSchedule().named("x"));
        Instant slot = T0.plusSeconds(60);
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<FireResult>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                // Each racer its own task row (own id), as separate leaders would make them.
                Task task = aTask().withType("noop").createdAt(slot).build();
                results.add(pool.submit(() -> {
                    start.await();
                    return schedules.scheduleFire(slotFire(s, slot, task));
                }));
            }
            start.countDown();
            int fired = 0;
            for (Future<FireResult> f : results) {
                FireResult r = f.get(30, TimeUnit.SECONDS);
                if (r.status() == FireResult.Status.FIRED) {
                    fired++;
                } else {
                    assertThat(r.status()).isEqualTo(FireResult.Status.ALREADY_FIRED);
                }
            }
            assertThat(fired).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(allTasks()).hasSize(1);
        assertThat(schedules.scheduleFireList(s.id(), null, 10)).hasSize(1);
    }

    @Test
    void a_paused_or_deleted_schedule_fires_no_slot_but_a_paused_one_may_be_triggered() {
        Schedule paused = insert(aSchedule().named("p").paused());
        Schedule deleted = insert(aSchedule().named("d"));
        schedules.scheduleDelete(deleted.id(), T0);
        Instant slot = T0.plusSeconds(60);

        assertThat(schedules
                        .scheduleFire(slotFire(paused, slot, taskFor(paused, slot)))
                        .status())
                .isEqualTo(FireResult.Status.NOT_ACTIVE);
        assertThat(schedules
                        .scheduleFire(slotFire(deleted, slot, taskFor(deleted, slot)))
                        .status())
                .isEqualTo(FireResult.Status.NOT_ACTIVE);
        assertThat(allTasks()).isEmpty();

        Task manualTask = aTask().withType("noop").build();
        FireResult manual = schedules.scheduleFire(
                new ScheduleFiring(paused.id(), null, T0.plusSeconds(5), manualTask, null, null, null));
        assertThat(manual.status()).isEqualTo(FireResult.Status.FIRED);
        assertThat(manual.fire().orElseThrow().manual()).isTrue();
        assertThat(schedules.scheduleGet(paused.id()).orElseThrow().firedUpTo()).isEqualTo(paused.firedUpTo());
    }

    @Test
    void manual_fires_never_collide_with_each_other() {
        Schedule s = insert(aSchedule().named("x"));
        for (int i = 0; i < 3; i++) {
            assertThat(schedules
                            .scheduleFire(new ScheduleFiring(
                                    s.id(), null, T0, aTask().withType("noop").build(), null, null, null))
                            .status())
                    .isEqualTo(FireResult.Status.FIRED);
        }
        assertThat(allTasks()).hasSize(3);
    }

    @Test
    void a_failed_fire_is_history_without_a_task() {
        Schedule s = insert(aSchedule().named("x"));
        Instant slot = T0.plusSeconds(60);

        FireResult r = schedules.scheduleFire(new ScheduleFiring(
                s.id(), slot, slot, null, null, "script.name no script 'gone'", slot.plusSeconds(60)));

        ScheduleFire fire = r.fire().orElseThrow();
        assertThat(fire.outcome()).isEqualTo(FireOutcome.FAILED);
        assertThat(fire.error()).contains("no script");
        assertThat(fire.taskId()).isNull();
        assertThat(schedules.scheduleGet(s.id()).orElseThrow().firedUpTo()).isEqualTo(slot);
        assertThat(allTasks()).isEmpty();
    }

    @Test
    void a_pipeline_fire_records_its_run() {
        Schedule s = insert(aSchedule().named("x").firing(new PipelineTarget("etl", null)));
        Instant slot = T0.plusSeconds(60);

        ScheduleFire fire = schedules
                .scheduleFire(new ScheduleFiring(s.id(), slot, slot, null, "run-42", null, null))
                .fire()
                .orElseThrow();

        assertThat(fire.runId()).isEqualTo("run-42");
        assertThat(fire.outcome()).isEqualTo(FireOutcome.CREATED);
    }

    @Test
    void advancing_moves_fired_up_to_forward_only_and_not_for_paused_schedules() {
        Schedule s = insert(aSchedule().named("x"));
        Schedule paused = insert(aSchedule().named("p").paused());

        assertThat(schedules.scheduleAdvance(s.id(), T0.plusSeconds(300), T0.plusSeconds(360)))
                .isTrue();
        assertThat(schedules.scheduleAdvance(s.id(), T0.plusSeconds(100), T0.plusSeconds(400)))
                .isTrue();
        assertThat(schedules.scheduleAdvance(paused.id(), T0.plusSeconds(300), T0.plusSeconds(360)))
                .isFalse();

        Schedule after = schedules.scheduleGet(s.id()).orElseThrow();
        assertThat(after.firedUpTo()).isEqualTo(T0.plusSeconds(300));
        assertThat(after.nextFireAt()).isEqualTo(T0.plusSeconds(400));
    }

    @Test
    void the_history_is_newest_first_in_pages_and_per_schedule() {
        Schedule s = insert(aSchedule().named("x"));
        Schedule other = insert(aSchedule().named("y"));
        for (int i = 1; i <= 5; i++) {
            Instant slot = T0.plus(Duration.ofMinutes(i));
            schedules.scheduleFire(slotFire(s, slot, taskFor(s, slot)));
        }
        schedules.scheduleFire(slotFire(other, T0.plusSeconds(60), taskFor(other, T0.plusSeconds(60))));

        List<ScheduleFire> first = schedules.scheduleFireList(s.id(), null, 2);
        List<ScheduleFire> second =
                schedules.scheduleFireList(s.id(), first.getLast().id(), 10);

        assertThat(first)
                .extracting(ScheduleFire::slot)
                .containsExactly(T0.plus(Duration.ofMinutes(5)), T0.plus(Duration.ofMinutes(4)));
        assertThat(second)
                .extracting(ScheduleFire::slot)
                .containsExactly(
                        T0.plus(Duration.ofMinutes(3)), T0.plus(Duration.ofMinutes(2)), T0.plus(Duration.ofMinutes(1)));
        assertThat(schedules.scheduleFireList("nope", null, 10)).isEmpty();
    }

    @Test
    void retention_removes_fires_older_than_the_cutoff_and_a_removed_slot_still_fires_no_more() {
        Schedule s = insert(aSchedule().named("x"));
        Instant old = T0.plusSeconds(60);
        Instant recent = T0.plus(Duration.ofDays(3));
        schedules.scheduleFire(slotFire(s, old, taskFor(s, old)));
        schedules.scheduleFire(slotFire(s, recent, taskFor(s, recent)));

        // Tasks are not finished, so only the older fire goes.
        assertThat(tasks.taskPurgeFinished(T0.plus(Duration.ofDays(1)), null, 100))
                .isEqualTo(1);

        assertThat(schedules.scheduleFireList(s.id(), null, 10))
                .extracting(ScheduleFire::slot)
                .containsExactly(recent);
        assertThat(schedules.scheduleFire(slotFire(s, old, taskFor(s, old))).status())
                .isEqualTo(FireResult.Status.ALREADY_FIRED);
    }

    @Test
    void deleting_returns_the_schedule_and_keeps_its_history() {
        Schedule s = insert(aSchedule().named("x"));
        schedules.scheduleFire(slotFire(s, T0.plusSeconds(60), taskFor(s, T0.plusSeconds(60))));

        assertThat(schedules.scheduleDelete(s.id(), T0.plusSeconds(61)))
                .contains(s.withState(s.paused(), T0.plusSeconds(60), T0.plusSeconds(120), s.updatedAt()));
        assertThat(schedules.scheduleDelete(s.id(), T0.plusSeconds(62))).isEmpty();
        assertThat(schedules.scheduleFireList(s.id(), null, 10)).hasSize(1);
    }
}
