package io.taskforge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.taskforge.client.TaskforgeClient;
import io.taskforge.engine.EngineConfig;
import io.taskforge.engine.Taskforge;
import io.taskforge.handler.TaskHandler;
import io.taskforge.json.JsonCodec;
import io.taskforge.retry.RetryPolicy;
import io.taskforge.store.ClaimParams;
import io.taskforge.store.TaskStore;
import io.taskforge.store.UniqueKeyConflictException;
import io.taskforge.store.WorkerRecord;
import io.taskforge.store.WorkerStatus;
import io.taskforge.task.NewTask;
import io.taskforge.task.Priority;
import io.taskforge.task.Task;
import io.taskforge.task.TaskEvent;
import io.taskforge.task.TaskEventType;
import io.taskforge.task.TaskQuery;
import io.taskforge.task.TaskStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The engine's behaviour on a real store: every store runs this suite (SQLite and PostgreSQL).
 * Subclasses give each test a fresh, empty database. Time is a {@link SettableClock} the tests
 * move, except for handler timeouts, which are real.
 */
@Timeout(120)
public abstract class EngineContract {

    /** A store on a fresh, empty database. Called once per test, before {@link #sameDatabaseAgain()}. */
    protected abstract TaskStore newStore();

    /** A second store object on the database of the last {@link #newStore()}: another process, in effect. */
    protected abstract TaskStore sameDatabaseAgain();

    /** How many tasks the two-engine test runs (the issue asks for 10,000 on PostgreSQL). */
    protected int clusterTaskCount() {
        return 2_000;
    }

    protected final SettableClock clock = new SettableClock(Instant.now());
    protected final JsonCodec json = JsonCodec.load();
    private final List<Taskforge> engines = new ArrayList<>();
    private final List<TaskStore> stores = new ArrayList<>();

    @AfterEach
    void stopEngines() {
        for (Taskforge tf : engines) {
            tf.stop(Duration.ZERO);
        }
        for (TaskStore s : stores) {
            s.close();
        }
    }

    // ---- running ----------------------------------------------------------------------------------

    @Test
    void runs_a_submitted_task_to_succeeded_with_its_result_logs_and_progress() {
        var handler = new EngineTestHandlers.Recording("echo");
        Taskforge tf = engine(newStore(), config().build(), handler);

        Task submitted =
                tf.client().submit(NewTask.ofType("echo").payload("{\"n\":1}").build());
        assertThat(submitted.status()).isEqualTo(TaskStatus.QUEUED);

        Task done = awaitStatus(tf, submitted.id(), TaskStatus.SUCCEEDED);
        assertThat(done.attempt()).isEqualTo(1);
        assertThat(done.workerId()).isEqualTo(tf.config().workerId());
        assertThat(done.startedAt()).isNotNull();
        assertThat(done.finishedAt()).isNotNull();
        assertThat(json.read(done.result(), Map.class)).containsEntry("echo", "{\"n\":1}");
        assertThat(tf.client().logs(done.id(), 0, 100).orElseThrow().items())
                .extracting(l -> l.line())
                .containsExactly("running " + done.id());
        assertThat(eventTypes(tf, done.id()))
                .containsExactly(TaskEventType.CREATED, TaskEventType.STARTED, TaskEventType.SUCCEEDED);
        assertThat(handler.runs.get(done.id())).hasValue(1);
    }

    @Test
    void wakes_an_idle_worker_at_once_instead_of_waiting_for_its_poll() {
        var handler = new EngineTestHandlers.Recording("echo");
        // A poll interval far longer than the test's patience: only a signal can start the task.
        Taskforge tf =
                engine(newStore(), config().pollInterval(Duration.ofMinutes(5)).build(), handler);
        sleepQuietly(300); // let the producer go idle

        Task t = tf.client().submit(NewTask.ofType("echo").build());

        awaitStatus(tf, t.id(), TaskStatus.SUCCEEDED, Duration.ofSeconds(20));
    }

    @Test
    void fails_a_task_whose_type_has_no_handler_without_retrying() {
        Taskforge tf = engine(newStore(), config().build());

        Task t = tf.client().submit(NewTask.ofType("unknown.type").build());

        Task failed = awaitStatus(tf, t.id(), TaskStatus.FAILED);
        assertThat(failed.attempt()).isEqualTo(1);
        assertThat(failed.error().message()).contains("no handler for task type 'unknown.type'");
    }

    // ---- retries -------------------------------------------------------------------------------

    @Test
    void retries_a_failing_task_with_backoff_then_dead_letters_it_keeping_every_attempt_error() {
        var policy = new RetryPolicy(Duration.ofSeconds(10), 2.0, Duration.ofSeconds(60));
        var handler = new EngineTestHandlers.Failing("flaky", true, policy);
        Taskforge tf = engine(newStore(), config().build(), handler);

        Task t = tf.client().submit(NewTask.ofType("flaky").maxAttempts(3).build());

        Task retrying = awaitStatus(tf, t.id(), TaskStatus.RETRYING);
        assertThat(retrying.attempt()).isEqualTo(1);
        assertThat(retrying.error().message()).contains("boom #1");
        // Full jitter: the wait after attempt 1 is at most initial (10 s) from the failure.
        assertThat(retrying.runAt()).isBetween(clock.instant(), clock.instant().plusSeconds(10));
        assertThat(handler.calls).hasValue(1);

        advanceUntil(() -> status(tf, t.id()) == TaskStatus.FAILED, Duration.ofSeconds(21));

        Task failed = tf.client().get(t.id()).orElseThrow();
        assertThat(failed.attempt()).isEqualTo(3);
        assertThat(failed.finishedAt()).isNotNull();
        assertThat(failed.error().message()).contains("boom #3");
        assertThat(handler.calls).hasValue(3);
        List<TaskEvent> events = tf.client().events(t.id()).orElseThrow();
        assertThat(events)
                .filteredOn(e -> e.type() == TaskEventType.ATTEMPT_FAILED)
                .extracting(e -> e.error().message())
                .containsExactly("boom #1 on attempt 1", "boom #2 on attempt 2");
        assertThat(events.getLast().type()).isEqualTo(TaskEventType.FAILED);
        assertThat(events.getLast().toStatus()).isEqualTo(TaskStatus.FAILED);
    }

    @Test
    void fails_at_once_on_a_non_retryable_error() {
        var handler = new EngineTestHandlers.Failing("strict", false, null);
        Taskforge tf = engine(newStore(), config().build(), handler);

        Task t = tf.client().submit(NewTask.ofType("strict").maxAttempts(5).build());

        Task failed = awaitStatus(tf, t.id(), TaskStatus.FAILED);
        assertThat(failed.attempt()).isEqualTo(1);
        assertThat(failed.error().type()).isEqualTo("NonRetryableException");
        assertThat(handler.calls).hasValue(1);
    }

    @Test
    void retry_of_a_dead_lettered_task_runs_it_once_more() {
        var handler = new EngineTestHandlers.Failing("strict", false, null);
        Taskforge tf = engine(newStore(), config().build(), handler);
        Task t = tf.client().submit(NewTask.ofType("strict").maxAttempts(1).build());
        awaitStatus(tf, t.id(), TaskStatus.FAILED);

        Task again = tf.client().retry(t.id()).orElseThrow();

        assertThat(again.maxAttempts()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> handler.calls.get() == 2);
        Task failed = awaitStatus(tf, t.id(), TaskStatus.FAILED);
        assertThat(failed.attempt()).isEqualTo(2);
        assertThat(eventTypes(tf, t.id())).contains(TaskEventType.RETRIED);
    }

    // ---- timeouts and cancellation --------------------------------------------------------------

    @Test
    void interrupts_a_handler_that_runs_past_its_timeout_and_retries_it() {
        var handler = new EngineTestHandlers.Blocking("slow", false);
        Taskforge tf = engine(newStore(), config().build(), handler);

        Task t = tf.client()
                .submit(NewTask.ofType("slow").timeoutSeconds(1).maxAttempts(2).build());

        Task retrying = awaitStatus(tf, t.id(), TaskStatus.RETRYING, Duration.ofSeconds(20));
        assertThat(retrying.error().type()).isEqualTo("Timeout");
        await().atMost(Duration.ofSeconds(10)).until(() -> handler.interrupted.get() == 1);
        advanceUntil(() -> status(tf, t.id()) == TaskStatus.FAILED, Duration.ofSeconds(2));
        assertThat(tf.client().get(t.id()).orElseThrow().error().type()).isEqualTo("Timeout");
    }

    @Test
    void cancels_a_waiting_task_at_once() {
        Taskforge tf = engine(newStore(), config().queues("elsewhere").build());

        Task t = tf.client().submit(NewTask.ofType("noop").build());
        Task cancelled = tf.client().cancel(t.id()).orElseThrow();

        assertThat(cancelled.status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(cancelled.finishedAt()).isNotNull();
    }

    @Test
    void cancels_a_running_task_by_interrupting_its_handler() {
        var handler = new EngineTestHandlers.Blocking("slow", false);
        Taskforge tf = engine(newStore(), config().build(), handler);
        Task t = tf.client().submit(NewTask.ofType("slow").build());
        awaitStatus(tf, t.id(), TaskStatus.RUNNING);
        await().atMost(Duration.ofSeconds(10)).until(() -> handler.started.get() == 1);

        Task requested = tf.client().cancel(t.id()).orElseThrow();

        assertThat(requested.status()).isIn(TaskStatus.RUNNING, TaskStatus.CANCELLED);
        awaitStatus(tf, t.id(), TaskStatus.CANCELLED, Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(5)).until(() -> handler.interrupted.get() == 1);
        assertThat(tf.worker().orElseThrow().busy()).isZero();
    }

    @Test
    void records_a_cancel_at_once_even_when_the_handler_ignores_interrupts() {
        var handler = new EngineTestHandlers.Blocking("stubborn", true);
        Taskforge tf = engine(newStore(), config().build(), handler);
        Task t = tf.client().submit(NewTask.ofType("stubborn").build());
        await().atMost(Duration.ofSeconds(10)).until(() -> handler.started.get() == 1);

        tf.client().cancel(t.id());

        awaitStatus(tf, t.id(), TaskStatus.CANCELLED, Duration.ofSeconds(5));
        // The slot stays taken until the handler really returns.
        assertThat(tf.worker().orElseThrow().busy()).isEqualTo(1);
        handler.release.countDown();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> tf.worker().orElseThrow().busy() == 0);
        assertThat(status(tf, t.id())).isEqualTo(TaskStatus.CANCELLED);
    }

    @Test
    void cancels_a_running_task_of_another_engine_on_the_same_database() {
        var handler = new EngineTestHandlers.Blocking("slow", false);
        TaskStore first = newStore();
        Taskforge runner = engine(first, config().build(), handler);
        Taskforge other = engine(
                sameDatabaseAgain(),
                config().workerEnabled(false).maintenanceEnabled(false).build());
        Task t = other.client().submit(NewTask.ofType("slow").build());
        await().atMost(Duration.ofSeconds(20)).until(() -> handler.started.get() == 1);

        other.client().cancel(t.id());

        // Through NOTIFY where the database has it, else at the runner's next lease renewal.
        awaitStatus(runner, t.id(), TaskStatus.CANCELLED, Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(5)).until(() -> handler.interrupted.get() == 1);
    }

    @Test
    void stops_the_handler_of_a_task_deleted_by_force() {
        var handler = new EngineTestHandlers.Blocking("slow", false);
        Taskforge tf = engine(newStore(), config().build(), handler);
        Task t = tf.client().submit(NewTask.ofType("slow").build());
        await().atMost(Duration.ofSeconds(10)).until(() -> handler.started.get() == 1);

        tf.client().delete(t.id(), true, "test");

        assertThat(tf.client().get(t.id())).isEmpty();
        await().atMost(Duration.ofSeconds(20)).until(() -> handler.interrupted.get() == 1);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> tf.worker().orElseThrow().busy() == 0);
    }

    // ---- ordering, queues, keys, delays --------------------------------------------------------

    @Test
    void runs_higher_priorities_first_and_first_in_first_out_within_one() {
        var handler = new EngineTestHandlers.Recording("echo");
        TaskStore store = newStore();
        Taskforge submitter = engine(store, config().workerEnabled(false).build());
        List<String> expected = new ArrayList<>();
        Task low1 = submit(submitter, Priority.LOW);
        Task normal1 = submit(submitter, Priority.NORMAL);
        Task urgent1 = submit(submitter, Priority.URGENT);
        Task high1 = submit(submitter, Priority.HIGH);
        Task normal2 = submit(submitter, Priority.NORMAL);
        Task urgent2 = submit(submitter, Priority.URGENT);
        Task low2 = submit(submitter, Priority.LOW);
        for (Task t : List.of(urgent1, urgent2, high1, normal1, normal2, low1, low2)) {
            expected.add(t.id());
        }

        Taskforge worker = engine(
                sameDatabaseAgain(), config().concurrency(1).claimBatchSize(1).build(), handler);

        await().atMost(Duration.ofSeconds(30)).until(() -> handler.order.size() == 7);
        assertThat(handler.order).containsExactlyElementsOf(expected);
        // The last outcome is written after its handler returned: wait for it, do not race it.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(worker.client()
                                .list(TaskQuery.builder()
                                        .status(TaskStatus.SUCCEEDED)
                                        .build())
                                .items())
                        .hasSize(7));
    }

    @Test
    void claims_only_from_its_own_queues() {
        var handler = new EngineTestHandlers.Recording("echo");
        Taskforge tf = engine(newStore(), config().queues("mail", "reports").build(), handler);

        Task mail = tf.client().submit(NewTask.ofType("echo").queue("mail").build());
        Task other = tf.client().submit(NewTask.ofType("echo").queue("video").build());

        awaitStatus(tf, mail.id(), TaskStatus.SUCCEEDED);
        sleepQuietly(300);
        assertThat(status(tf, other.id())).isEqualTo(TaskStatus.QUEUED);
    }

    @Test
    void holds_a_unique_key_until_the_task_finishes() {
        var handler = new EngineTestHandlers.Blocking("slow", false);
        Taskforge tf = engine(newStore(), config().build(), handler);
        Task first = tf.client()
                .submit(NewTask.ofType("slow").uniqueKey("nightly-2026-01-05").build());

        assertThatThrownBy(() -> tf.client()
                        .submit(NewTask.ofType("slow")
                                .uniqueKey("nightly-2026-01-05")
                                .build()))
                .isInstanceOf(UniqueKeyConflictException.class)
                .satisfies(e -> assertThat(((UniqueKeyConflictException) e).holderTaskId())
                        .isEqualTo(first.id()));

        handler.release.countDown();
        awaitStatus(tf, first.id(), TaskStatus.SUCCEEDED);
        Task second = tf.client()
                .submit(NewTask.ofType("slow").uniqueKey("nightly-2026-01-05").build());
        assertThat(second.id()).isNotEqualTo(first.id());
    }

    @Test
    void runs_a_delayed_task_only_when_its_time_comes() {
        var handler = new EngineTestHandlers.Recording("echo");
        Taskforge tf = engine(newStore(), config().build(), handler);

        Task t = tf.client()
                .submit(NewTask.ofType("echo").delay(Duration.ofHours(1)).build());

        assertThat(t.status()).isEqualTo(TaskStatus.SCHEDULED);
        sleepQuietly(1_500);
        assertThat(status(tf, t.id())).isEqualTo(TaskStatus.SCHEDULED);
        clock.advance(Duration.ofMinutes(61));
        Task done = awaitStatus(tf, t.id(), TaskStatus.SUCCEEDED);
        assertThat(eventTypes(tf, t.id()))
                .containsExactly(
                        TaskEventType.CREATED, TaskEventType.QUEUED, TaskEventType.STARTED, TaskEventType.SUCCEEDED);
        assertThat(done.startedAt()).isAfterOrEqualTo(t.runAt());
    }

    // ---- leases, rescue, shutdown --------------------------------------------------------------

    @Test
    void rescues_the_task_of_a_dead_worker_once_its_lease_expires_and_marks_the_worker_lost() {
        var handler = new EngineTestHandlers.Recording("echo");
        TaskStore store = newStore();
        Taskforge submitter = engine(
                store, config().workerEnabled(false).maintenanceEnabled(false).build());
        Task t = submitter.client().submit(NewTask.ofType("echo").build());
        // A worker claims the task and dies without a word.
        Instant now = clock.instant();
        store.workerUpsert(new WorkerRecord(
                "dead-worker", "host-a", 4242, List.of("default"), 4, 1, now, now, WorkerStatus.ACTIVE));
        List<Task> claimed = store.taskClaim(
                new ClaimParams("dead-worker", List.of("default"), 1, now, now.plus(Duration.ofSeconds(30))));
        assertThat(claimed).extracting(Task::id).containsExactly(t.id());

        Taskforge rescuer = engine(sameDatabaseAgain(), config().build(), handler);
        sleepQuietly(500);
        assertThat(status(rescuer, t.id())).isEqualTo(TaskStatus.RUNNING);
        clock.advance(Duration.ofSeconds(31));

        Task done = awaitStatus(rescuer, t.id(), TaskStatus.SUCCEEDED, Duration.ofSeconds(30));
        assertThat(done.attempt()).isEqualTo(2);
        assertThat(eventTypes(rescuer, t.id())).contains(TaskEventType.LEASE_EXPIRED);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> store.workerList().stream()
                        .anyMatch(w -> w.id().equals("dead-worker") && w.status() == WorkerStatus.LOST));
    }

    @Test
    void removes_finished_tasks_once_their_retention_period_passed() {
        var handler = new EngineTestHandlers.Recording("echo");
        Taskforge tf = engine(
                newStore(),
                config().finishedRetention(Duration.ofDays(1))
                        .failedRetention(Duration.ofDays(3))
                        .build(),
                handler);
        Task ok = tf.client().submit(NewTask.ofType("echo").build());
        Task deadLetter = tf.client().submit(NewTask.ofType("no-such-type").build());
        awaitStatus(tf, ok.id(), TaskStatus.SUCCEEDED);
        awaitStatus(tf, deadLetter.id(), TaskStatus.FAILED);

        clock.advance(Duration.ofDays(2));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> tf.client().get(ok.id()).isEmpty());
        assertThat(status(tf, deadLetter.id())).isEqualTo(TaskStatus.FAILED);

        clock.advance(Duration.ofDays(2));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> tf.client().get(deadLetter.id()).isEmpty());
        assertThat(tf.client().events(ok.id()).orElse(List.of())).isEmpty();
    }

    @Test
    void lets_running_tasks_finish_within_the_grace_period_when_stopping() {
        var handler = new EngineTestHandlers.Blocking("slow", false);
        Taskforge tf = engine(newStore(), config().build(), handler);
        Task t = tf.client().submit(NewTask.ofType("slow").build());
        await().atMost(Duration.ofSeconds(10)).until(() -> handler.started.get() == 1);

        Thread releaser = Thread.ofVirtual().start(() -> {
            sleepQuietly(300);
            handler.release.countDown();
        });
        tf.stop(Duration.ofSeconds(20));

        assertThat(releaser.isAlive()).isFalse();
        Task done = tf.client().get(t.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(handler.interrupted).hasValue(0);
    }

    @Test
    void gives_back_tasks_still_running_after_the_grace_period_so_another_worker_starts_them_at_once() {
        var stuck = new EngineTestHandlers.Blocking("slow", false);
        TaskStore store = newStore();
        Taskforge first = engine(store, config().build(), stuck);
        Task t = first.client().submit(NewTask.ofType("slow").build());
        await().atMost(Duration.ofSeconds(10)).until(() -> stuck.started.get() == 1);

        first.stop(Duration.ofMillis(200));

        Task released = first.client().get(t.id()).orElseThrow();
        assertThat(released.status()).isEqualTo(TaskStatus.QUEUED);
        assertThat(released.attempt()).isZero(); // the interrupted attempt is given back
        assertThat(stuck.interrupted).hasValue(1);
        assertThat(eventTypes(first, t.id())).contains(TaskEventType.RELEASED);

        var handler = new EngineTestHandlers.Recording("slow");
        Taskforge second = engine(sameDatabaseAgain(), config().build(), handler);
        Task done = awaitStatus(second, t.id(), TaskStatus.SUCCEEDED);
        assertThat(done.attempt()).isEqualTo(1);
    }

    @Test
    void survives_starting_and_stopping_repeatedly_while_tasks_flow_without_stranding_any() {
        var handler = new EngineTestHandlers.Recording("echo");
        TaskStore store = newStore();
        Taskforge submitter = engine(store, config().workerEnabled(false).build());
        List<NewTask> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            batch.add(NewTask.ofType("echo").build());
        }
        submitter.client().submitMany(batch);

        TaskStore second = sameDatabaseAgain();
        for (int round = 0; round < 15; round++) {
            Taskforge tf = Taskforge.builder(second)
                    .json(json)
                    .clock(clock)
                    .config(config().build())
                    .handler(handler)
                    .closeStore(false)
                    .build();
            tf.start();
            sleepQuietly(round % 3 * 20);
            tf.stop(Duration.ofSeconds(5));
            assertThat(tf.client()
                            .list(TaskQuery.builder().status(TaskStatus.RUNNING).build())
                            .items())
                    .as("round %d left tasks RUNNING", round)
                    .isEmpty();
        }
        Taskforge last = engine(second, config().build(), handler);
        await().atMost(Duration.ofSeconds(60)).until(() -> count(last, TaskStatus.SUCCEEDED) == 300);
        assertThat(handler.runs.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    }

    // ---- cluster --------------------------------------------------------------------------------

    @Test
    void two_engines_on_one_database_run_each_task_exactly_once() {
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        TaskHandler counting = new TaskHandler() {
            @Override
            public String type() {
                return "count";
            }

            @Override
            public Object handle(io.taskforge.handler.TaskContext ctx) {
                runs.computeIfAbsent(ctx.taskId(), k -> new AtomicInteger()).incrementAndGet();
                return null;
            }
        };
        TaskStore store = newStore();
        Taskforge a = engine(store, config().concurrency(8).build(), counting);
        Taskforge b = engine(sameDatabaseAgain(), config().concurrency(8).build(), counting);
        int n = clusterTaskCount();

        for (int i = 0; i < n; i += 1000) {
            List<NewTask> batch = new ArrayList<>();
            for (int j = i; j < Math.min(n, i + 1000); j++) {
                batch.add(NewTask.ofType("count").build());
            }
            (i % 2000 == 0 ? a : b).client().submitMany(batch);
        }

        await().atMost(Duration.ofSeconds(110))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> count(a, TaskStatus.SUCCEEDED) == n);
        assertThat(runs).hasSize(n);
        assertThat(runs.values()).allSatisfy(c -> assertThat(c.get()).isEqualTo(1));
        assertThat(runs.size()).isEqualTo(n);
        long byA = countByWorker(a, a.config().workerId());
        assertThat(byA).as("both engines took part").isBetween(1L, n - 1L);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    protected EngineConfig.Builder config() {
        return EngineConfig.builder()
                .concurrency(4)
                .pollInterval(Duration.ofMillis(200))
                .rescueInterval(Duration.ofSeconds(1))
                .shutdownGrace(Duration.ofSeconds(5));
    }

    protected Taskforge engine(TaskStore store, EngineConfig config, TaskHandler... handlers) {
        stores.add(store);
        Taskforge tf = Taskforge.builder(store)
                .json(json)
                .clock(clock)
                .config(config)
                .handlers(List.of(handlers))
                .closeStore(false)
                .build();
        engines.add(tf);
        tf.start();
        return tf;
    }

    private Task submit(Taskforge tf, Priority p) {
        return tf.client().submit(NewTask.ofType("echo").priority(p).build());
    }

    protected static TaskStatus status(Taskforge tf, String id) {
        return tf.client().get(id).map(Task::status).orElse(null);
    }

    protected static Task awaitStatus(Taskforge tf, String id, TaskStatus status) {
        return awaitStatus(tf, id, status, Duration.ofSeconds(20));
    }

    protected static Task awaitStatus(Taskforge tf, String id, TaskStatus status, Duration atMost) {
        TaskforgeClient client = tf.client();
        await().atMost(atMost)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> client.get(id).map(Task::status).orElse(null) == status);
        return client.get(id).orElseThrow();
    }

    /** Moves the clock forward by {@code step} until the condition holds (bounded). */
    protected void advanceUntil(Supplier<Boolean> condition, Duration step) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 60 s while advancing the clock");
            }
            clock.advance(step);
            sleepQuietly(300);
        }
    }

    private static List<TaskEventType> eventTypes(Taskforge tf, String id) {
        return tf.client().events(id).orElseThrow().stream()
                .map(TaskEvent::type)
                .toList();
    }

    private static long count(Taskforge tf, TaskStatus status) {
        return Optional.ofNullable(tf.client()
                        .list(TaskQuery.builder()
                                .status(status)
                                .limit(1)
                                .includeTotal(true)
                                .build())
                        .total())
                .orElse(0L);
    }

    private static long countByWorker(Taskforge tf, String workerId) {
        long n = 0;
        String cursor = null;
        do {
            var page = tf.client()
                    .list(TaskQuery.builder()
                            .status(TaskStatus.SUCCEEDED)
                            .limit(500)
                            .cursor(cursor)
                            .build());
            n += page.items().stream()
                    .filter(t -> workerId.equals(t.workerId()))
                    .count();
            cursor = page.nextCursor();
        } while (cursor != null);
        return n;
    }

    protected static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Used by subclasses that want a real clock for a test of their own. */
    protected static Clock realClock() {
        return Clock.systemUTC();
    }
}
