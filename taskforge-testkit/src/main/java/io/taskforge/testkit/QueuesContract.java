package io.taskforge.testkit;

import static io.taskforge.testkit.TaskAssert.assertThatTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskforge.store.AttemptOutcome;
import io.taskforge.store.ClaimParams;
import io.taskforge.store.QueuePatch;
import io.taskforge.store.QueueSettings;
import io.taskforge.store.QueueStats;
import io.taskforge.task.Priority;
import io.taskforge.task.Task;
import io.taskforge.task.TaskError;
import io.taskforge.task.TaskEvent;
import io.taskforge.task.TaskEventType;
import io.taskforge.task.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Queues: settings, live stats, what pause and limits do to claims (also under concurrent
 * claimers), dead-letter replay, and the running tasks of each worker.
 */
abstract class QueuesContract extends StoreContractSupport {
    private static final Duration WAIT = Duration.ofSeconds(10);

    QueuesContract(TaskStoreContract contract) {
        super(contract);
    }

    private QueueSettings update(String queue, Boolean paused, Integer concurrencyLimit, Double ratePerSecond) {
        return store().queueSettingsUpdate(queue, new QueuePatch(paused, concurrencyLimit, ratePerSecond), now());
    }

    private List<Task> insertMany(int n, String queue) {
        return insert(IntStream.range(0, n)
                .mapToObj(i -> task().withQueue(queue).build())
                .toArray(Task[]::new));
    }

    private QueueStats stats(String queue) {
        return store().queueStatsList(null, now()).stream()
                .filter(s -> s.name().equals(queue))
                .findFirst()
                .orElseThrow(() -> new AssertionError("queue " + queue + " is not listed"));
    }

    /** Claims and fails each task (no attempts left), so it is FAILED. */
    private void fail(List<Task> tasks) {
        for (int from = 0; from < tasks.size(); from += 100) {
            List<Task> chunk = tasks.subList(from, Math.min(tasks.size(), from + 100));
            List<Task> claimed = claim(WORKER, chunk.size(), chunk.getFirst().queue());
            assertThat(claimed).hasSize(chunk.size());
            List<Boolean> applied = store().taskSetOutcomeIfRunningMany(claimed.stream()
                    .map(t -> AttemptOutcome.failed(t.id(), t.attempt(), WORKER, TaskError.of("Boom", "no"), now()))
                    .toList());
            assertThat(applied).containsOnly(true);
        }
    }

    private void succeed(Task running) {
        assertThat(apply(AttemptOutcome.succeeded(running.id(), running.attempt(), running.workerId(), null, now())))
                .isTrue();
    }

    // ---- settings ---------------------------------------------------------------------------------

    @Test
    void settings_are_stored_changed_field_by_field_and_limits_removed_with_zero() {
        assertThat(store().queueSettingsList()).isEmpty();

        QueueSettings created = update("mail", true, 4, 2.5);
        assertThat(created).isEqualTo(new QueueSettings("mail", true, 4, 2.5, now()));

        clock().advance(Duration.ofSeconds(1));
        QueueSettings resumed = update("mail", false, null, null);
        assertThat(resumed).isEqualTo(new QueueSettings("mail", false, 4, 2.5, now()));

        QueueSettings unlimitedRate = update("mail", null, null, 0.0);
        assertThat(unlimitedRate).isEqualTo(new QueueSettings("mail", false, 4, null, now()));
        QueueSettings unlimited = update("mail", null, 0, null);
        assertThat(unlimited).isEqualTo(new QueueSettings("mail", false, null, null, now()));
        assertThat(unlimited.limited()).isFalse();

        update("alerts", null, null, 0.25);
        assertThat(store().queueSettingsList())
                .containsExactly(
                        new QueueSettings("alerts", false, null, 0.25, now()),
                        new QueueSettings("mail", false, null, null, now()));
    }

    @Test
    void a_patch_that_changes_nothing_still_creates_default_settings_for_a_new_queue() {
        QueueSettings s = update("fresh", null, null, null);

        assertThat(s).isEqualTo(new QueueSettings("fresh", false, null, null, now()));
        assertThat(store().queueSettingsList()).containsExactly(s);
    }

    @Test
    void changes_that_let_more_tasks_start_tell_listeners_the_queue_has_work() throws Exception {
        update("q", true, 2, 1.0);
        RecordingListener heard = new RecordingListener();
        try (AutoCloseable ignored = store().subscribe(heard)) {
            update("q", null, 1, 0.5); // tighter: nothing to hear
            update("other", true, null, null);
            update("resumed", true, null, null);
            update("resumed", false, null, null);
            update("raised", null, 1, null);
            update("raised", null, 3, null);
            update("unlimited", null, null, 2.0);
            update("unlimited", null, null, 0.0);
            update("marker", true, null, null);
            update("marker", false, null, null);

            await().atMost(WAIT)
                    .untilAsserted(
                            () -> assertThat(heard.queued()).contains("resumed", "raised", "unlimited", "marker"));
            assertThat(heard.queued()).doesNotContain("q", "other");
        }
    }

    // ---- stats ------------------------------------------------------------------------------------

    @Test
    void stats_count_tasks_by_status_and_tell_how_long_the_oldest_ready_task_waited() {
        insert(task().withQueue("reports").withStatus(TaskStatus.SCHEDULED).withRunAt(now().plusSeconds(60)));
        Task oldest = insert(task().withQueue("reports"));
        clock().advance(Duration.ofSeconds(10));
        insertMany(2, "reports");
        Task running = insert(task().withQueue("reports").withPriority(Priority.URGENT));
        claimOnly(running);
        Task retrying = insert(task().withQueue("reports").withPriority(Priority.URGENT));
        Task claimed = claimOnly(retrying);
        apply(AttemptOutcome.retrying(claimed.id(), 1, WORKER, TaskError.of("X", "y"), now().plusSeconds(30), now()));
        Task failed =
                insert(task().withQueue("reports").withPriority(Priority.URGENT).withMaxAttempts(1));
        fail(List.of(failed));
        Task done = insert(task().withQueue("reports").withPriority(Priority.URGENT));
        succeed(claimOnly(done));
        Task deleted = insert(task().withQueue("reports"));
        store().taskDelete(deleted.id(), false, now(), "alice");
        clock().advance(Duration.ofMillis(2500));

        QueueStats s = stats("reports");

        assertThat(s).isEqualTo(new QueueStats("reports", 1, 3, 1, 1, 1, false, null, null, 12.5));
        assertThat(get(oldest).status()).isEqualTo(TaskStatus.QUEUED);
    }

    @Test
    void stats_list_every_queue_with_unfinished_or_failed_tasks_or_settings_by_name() {
        insert(task().withQueue("waiting"));
        insert(task().withQueue("pipeline").withStatus(TaskStatus.PENDING));
        fail(List.of(insert(task().withQueue("dead").withMaxAttempts(1))));
        succeed(claimOnly(insert(task().withQueue("finished"))));
        Task cancelled = insert(task().withQueue("cancelled"));
        store().taskCancel(cancelled.id(), now(), "alice");
        update("limited", null, 3, 1.5);
        update("paused", true, null, null);

        List<QueueStats> all = store().queueStatsList(null, now());

        assertThat(all)
                .extracting(QueueStats::name)
                .containsExactly("dead", "limited", "paused", "pipeline", "waiting");
        assertThat(stats("dead").failed()).isEqualTo(1);
        assertThat(stats("dead").oldestQueuedAgeSeconds()).isNull();
        assertThat(stats("limited")).isEqualTo(new QueueStats("limited", 0, 0, 0, 0, 0, false, 3, 1.5, null));
        assertThat(stats("paused").paused()).isTrue();
        assertThat(stats("pipeline")).isEqualTo(new QueueStats("pipeline", 0, 0, 0, 0, 0, false, null, null, null));
        assertThat(stats("waiting").queued()).isEqualTo(1);
        assertThat(stats("waiting").oldestQueuedAgeSeconds()).isEqualTo(0.0);
    }

    // ---- pause ------------------------------------------------------------------------------------

    @Test
    void nothing_is_claimed_from_a_paused_queue_and_running_tasks_go_on() {
        Task running = claimOnly(insert(task().withQueue("mail")));
        insertMany(3, "mail");
        Task other = insert(task().withQueue("reports"));

        update("mail", true, null, null);

        assertThat(claim(WORKER, 10, "mail")).isEmpty();
        assertThat(ids(claim(WORKER, 10, "mail", "reports"))).containsExactly(other.id());
        succeed(running);
        assertThatTask(get(running)).hasStatus(TaskStatus.SUCCEEDED);

        update("mail", false, null, null);
        assertThat(claim(WORKER, 10, "mail")).hasSize(3);
    }

    // ---- concurrency limit ------------------------------------------------------------------------

    @Test
    void a_concurrency_limit_caps_the_running_tasks_of_the_queue_across_workers() {
        insertMany(6, "mail");
        update("mail", null, 2, null);

        List<Task> first = claim(WORKER, 10, "mail");
        assertThat(first).hasSize(2);
        assertThat(claim(OTHER_WORKER, 10, "mail")).isEmpty();

        succeed(first.getFirst());
        assertThat(claim(OTHER_WORKER, 10, "mail")).hasSize(1);
        assertThat(claim(WORKER, 10, "mail")).isEmpty();

        update("mail", null, 5, null);
        assertThat(claim(WORKER, 10, "mail")).hasSize(3);
        assertThat(stats("mail").running()).isEqualTo(5);
    }

    @Test
    void a_claim_over_several_queues_keeps_claim_order_and_each_queue_limit() {
        List<Task> limited = insert(
                task().withQueue("limited").withPriority(Priority.URGENT).build(),
                task().withQueue("limited").withPriority(Priority.URGENT).build(),
                task().withQueue("limited").withPriority(Priority.URGENT).build());
        clock().advance(Duration.ofSeconds(1));
        List<Task> rated = insert(
                task().withQueue("rated").withPriority(Priority.HIGH).build(),
                task().withQueue("rated").withPriority(Priority.HIGH).build());
        List<Task> free = insertMany(3, "free");
        insertMany(2, "paused");
        update("limited", null, 2, null);
        update("rated", null, null, 1.0);
        update("paused", true, null, null);

        List<Task> claimed = claim(WORKER, 4, "free", "limited", "paused", "rated");

        assertThat(ids(claimed))
                .containsExactly(
                        limited.get(0).id(),
                        limited.get(1).id(),
                        rated.get(0).id(),
                        free.get(0).id());
        assertThat(ids(claim(WORKER, 10, "free", "limited", "paused", "rated")))
                .containsExactly(free.get(1).id(), free.get(2).id());
    }

    @Test
    void a_limited_queue_named_twice_in_one_claim_counts_once() {
        List<Task> mail = insert(
                task().withQueue("mail").withPriority(Priority.URGENT).build(),
                task().withQueue("mail").withPriority(Priority.URGENT).build());
        insertMany(2, "free");
        update("mail", null, 5, null);

        List<Task> claimed = claim(WORKER, 2, "mail", "free", "mail");

        assertThat(ids(claimed)).containsExactlyElementsOf(ids(mail));
    }

    @Test
    void a_concurrency_limit_holds_against_many_concurrent_claimers() throws Exception {
        insertMany(200, "mail");
        update("mail", null, 3, null);

        List<Task> round1 = claimConcurrently(8, "mail", "other");
        assertThat(round1).hasSize(3);

        succeed(round1.get(0));
        succeed(round1.get(1));
        List<Task> round2 = claimConcurrently(8, "mail", "other");
        assertThat(round2).hasSize(2);
        assertThat(stats("mail").running()).isEqualTo(3);
    }

    /** Every one of {@code claimers} threads claims in a loop; returns all they got, checked distinct. */
    private List<Task> claimConcurrently(int claimers, String... queues) throws Exception {
        CyclicBarrier start = new CyclicBarrier(claimers);
        List<Callable<List<Task>>> calls = new ArrayList<>();
        for (int w = 0; w < claimers; w++) {
            String workerId = "racer-" + w;
            int max = 1 + w % 4;
            calls.add(() -> {
                start.await(10, TimeUnit.SECONDS);
                List<Task> mine = new ArrayList<>();
                for (int round = 0; round < 20; round++) {
                    mine.addAll(store().taskClaim(
                                    new ClaimParams(workerId, List.of(queues), max, now(), now().plus(LEASE))));
                }
                return mine;
            });
        }
        List<Task> all = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(claimers)) {
            for (Future<List<Task>> f : pool.invokeAll(calls, 90, TimeUnit.SECONDS)) {
                all.addAll(f.get());
            }
        }
        Set<String> distinct = new HashSet<>(ids(all));
        assertThat(distinct).hasSameSizeAs(all);
        return all;
    }

    // ---- rate limit -------------------------------------------------------------------------------

    @Test
    void a_rate_limit_starts_a_burst_of_a_fifth_of_the_rate_then_refills_over_time() {
        insertMany(30, "mail");
        update("mail", null, null, 10.0); // 10 per second: bursts of 2, a token every 100 ms

        assertThat(claim(WORKER, 10, "mail")).hasSize(2);
        assertThat(claim(OTHER_WORKER, 10, "mail")).isEmpty();

        clock().advance(Duration.ofMillis(100));
        assertThat(claim(WORKER, 10, "mail")).hasSize(1);
        clock().advance(Duration.ofMillis(50));
        assertThat(claim(WORKER, 10, "mail")).isEmpty();
        clock().advance(Duration.ofMillis(50));
        assertThat(claim(WORKER, 10, "mail")).hasSize(1);

        // A long idle time fills the bucket, never more than its capacity.
        clock().advance(Duration.ofMinutes(5));
        assertThat(claim(WORKER, 10, "mail")).hasSize(2);
        assertThat(claim(WORKER, 10, "mail")).isEmpty();
    }

    @Test
    void a_slow_rate_starts_one_task_at_a_time() {
        insertMany(5, "slow");
        update("slow", null, null, 2.0); // bursts of max(1, 2/5) = 1, a token every 500 ms

        assertThat(claim(WORKER, 10, "slow")).hasSize(1);
        clock().advance(Duration.ofMillis(499));
        assertThat(claim(WORKER, 10, "slow")).isEmpty();
        clock().advance(Duration.ofMillis(1));
        assertThat(claim(WORKER, 10, "slow")).hasSize(1);
        clock().advance(Duration.ofSeconds(30));
        assertThat(claim(WORKER, 10, "slow")).hasSize(1);
    }

    @Test
    void no_second_holds_more_starts_than_the_rate_plus_one_burst() {
        insertMany(200, "mail");
        update("mail", null, null, 25.0); // bursts of 5
        List<Task> started = new ArrayList<>();
        // Claims every 10 ms for three seconds: 25 per second, plus the first burst.
        for (int tick = 0; tick < 300; tick++) {
            started.addAll(claim(WORKER, 100, "mail"));
            clock().advance(Duration.ofMillis(10));
        }
        assertThat(started).hasSizeBetween(75, 80);
        for (Task t : started) {
            long inWindow = started.stream()
                    .filter(u -> !u.startedAt().isBefore(t.startedAt())
                            && u.startedAt().isBefore(t.startedAt().plusSeconds(1)))
                    .count();
            assertThat(inWindow)
                    .as("starts within a second of %s", t.startedAt())
                    .isLessThanOrEqualTo(30);
        }
    }

    @Test
    void a_rate_limit_holds_against_many_concurrent_claimers() throws Exception {
        insertMany(100, "mail");
        update("mail", null, null, 20.0); // bursts of 4

        assertThat(claimConcurrently(8, "mail")).hasSize(4);
        clock().advance(Duration.ofMillis(100));
        assertThat(claimConcurrently(8, "mail")).hasSize(2);
    }

    @Test
    void a_new_rate_counts_from_now_and_never_grants_more_than_its_own_burst() {
        insertMany(50, "mail");
        update("mail", null, null, 50.0); // bursts of 10
        assertThat(claim(WORKER, 3, "mail")).hasSize(3);

        update("mail", null, null, 5.0); // bursts of 1: the 7 tokens left shrink to 1
        assertThat(claim(WORKER, 10, "mail")).hasSize(1);
        assertThat(claim(WORKER, 10, "mail")).isEmpty();

        update("mail", null, null, 0.0);
        assertThat(claim(WORKER, 10, "mail")).hasSize(10);
    }

    // ---- dead-letter replay -----------------------------------------------------------------------

    @Test
    void retry_failed_puts_every_failed_task_of_the_queue_back_with_one_more_attempt() throws Exception {
        List<Task> dead = insert(
                task().withQueue("mail").withMaxAttempts(1).build(),
                task().withQueue("mail").withMaxAttempts(1).build());
        fail(dead);
        fail(List.of(insert(task().withQueue("other").withMaxAttempts(1))));
        Task cancelled = insert(task().withQueue("mail"));
        store().taskCancel(cancelled.id(), now(), "alice");
        clock().advance(Duration.ofSeconds(5));
        RecordingListener heard = new RecordingListener();

        int retried;
        try (AutoCloseable ignored = store().subscribe(heard)) {
            retried = store().taskRetryFailedInQueue(null, "mail", now(), "erin");
            await().atMost(WAIT).untilAsserted(() -> assertThat(heard.queued()).contains("mail"));
        }

        assertThat(retried).isEqualTo(2);
        for (Task t : dead) {
            assertThatTask(get(t)).hasStatus(TaskStatus.QUEUED).hasAttempt(1).hasUpdatedAt(now());
            assertThat(get(t).maxAttempts()).isEqualTo(2);
            assertThat(get(t).finishedAt()).isNull();
            TaskEvent last = lastEvent(t);
            assertThat(last.type()).isEqualTo(TaskEventType.RETRIED);
            assertThat(last.fromStatus()).isEqualTo(TaskStatus.FAILED);
            assertThat(last.toStatus()).isEqualTo(TaskStatus.QUEUED);
            assertThat(last.actor()).isEqualTo("erin");
        }
        assertThat(get(cancelled).status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(stats("other").failed()).isEqualTo(1);
        assertThat(ids(claim(WORKER, 10, "mail"))).containsExactlyElementsOf(ids(dead));
        assertThat(store().taskRetryFailedInQueue(null, "mail", now(), "erin")).isZero();
        assertThat(store().taskRetryFailedInQueue(null, "nowhere", now(), "erin"))
                .isZero();
    }

    @Test
    void retry_failed_skips_tasks_whose_unique_key_is_held_by_another_task() {
        Task held = insert(task().withQueue("mail").withMaxAttempts(1).withUniqueKey("report-1"));
        fail(List.of(held));
        insert(task().withQueue("idle").withUniqueKey("report-1"));
        Task twinA = insert(task().withQueue("mail").withMaxAttempts(1).withUniqueKey("report-2"));
        fail(List.of(twinA));
        Task twinB = insert(task().withQueue("mail").withMaxAttempts(1).withUniqueKey("report-2"));
        fail(List.of(twinB));
        Task free = insert(task().withQueue("mail").withMaxAttempts(1).withUniqueKey("report-3"));
        fail(List.of(free));

        int retried = store().taskRetryFailedInQueue(null, "mail", now(), "erin");

        assertThat(retried).isEqualTo(2);
        assertThat(get(held).status()).isEqualTo(TaskStatus.FAILED);
        // Of two failed tasks with one key, the first in id order gets it back.
        assertThat(List.of(get(twinA).status(), get(twinB).status()))
                .containsExactly(TaskStatus.QUEUED, TaskStatus.FAILED);
        assertThat(get(free).status()).isEqualTo(TaskStatus.QUEUED);
    }

    @Test
    void retry_failed_replays_queues_with_more_dead_letters_than_one_batch() {
        List<Task> dead = new ArrayList<>();
        for (int i = 0; i < 1100; i += 100) {
            dead.addAll(insertMany(100, "bulk"));
        }
        fail(dead);

        assertThat(store().taskRetryFailedInQueue(null, "bulk", now(), "erin")).isEqualTo(1100);
        assertThat(stats("bulk").queued()).isEqualTo(1100);
        assertThat(stats("bulk").failed()).isZero();
    }

    // ---- workers ----------------------------------------------------------------------------------

    @Test
    void running_tasks_are_listed_by_the_worker_that_runs_them() {
        insertMany(5, "mail");
        List<Task> mine = claim(WORKER, 2, "mail");
        List<Task> theirs = claim(OTHER_WORKER, 2, "mail");
        succeed(mine.getFirst());

        Map<String, List<String>> running = store().taskRunningByWorker();

        assertThat(running)
                .containsOnlyKeys(WORKER, OTHER_WORKER)
                .containsEntry(WORKER, List.of(mine.get(1).id()))
                .containsEntry(OTHER_WORKER, ids(theirs).stream().sorted().toList());
    }

    @Test
    void no_worker_is_listed_when_nothing_runs() {
        insertMany(2, "mail");

        assertThat(store().taskRunningByWorker()).isEmpty();
    }
}
