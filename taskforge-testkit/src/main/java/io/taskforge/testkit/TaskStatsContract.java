package io.taskforge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskforge.store.AttemptOutcome;
import io.taskforge.store.TaskStats;
import io.taskforge.store.TaskStats.MinuteCount;
import io.taskforge.store.TaskStats.TypeDurations;
import io.taskforge.task.Task;
import io.taskforge.task.TaskError;
import io.taskforge.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** taskStats: counts by status, finishes per minute and run-time percentiles by type over a window. */
abstract class TaskStatsContract extends StoreContractSupport {
    private static final TaskError BOOM = new TaskError("java.io.IOException", "disk on fire", null);

    TaskStatsContract(TaskStoreContract contract) {
        super(contract);
    }

    /** Runs a new task of {@code type} that starts at {@code start} and ends {@code runTime} later as {@code outcome}. */
    private Task finish(String type, Instant start, Duration runTime, TaskStatus outcome) {
        clock().set(start);
        Task t = insert(task().withType(type).withQueue("q-" + UUID.randomUUID()));
        Task claimed = claimOnly(t);
        clock().set(start.plus(runTime));
        boolean applied = switch (outcome) {
            case SUCCEEDED -> apply(AttemptOutcome.succeeded(t.id(), claimed.attempt(), WORKER, null, now()));
            case FAILED -> apply(AttemptOutcome.failed(t.id(), claimed.attempt(), WORKER, BOOM, now()));
            case CANCELLED -> apply(AttemptOutcome.cancelled(t.id(), claimed.attempt(), WORKER, now()));
            default -> throw new IllegalArgumentException(outcome.name());
        };
        assertThat(applied).isTrue();
        return get(t);
    }

    private Task succeed(String type, Instant start, Duration runTime) {
        return finish(type, start, runTime, TaskStatus.SUCCEEDED);
    }

    @Test
    void counts_unfinished_tasks_all_and_finished_ones_of_the_window_with_every_status_present() {
        Instant start = Instant.parse("2026-03-01T10:00:00Z");
        succeed("noop", start.minusSeconds(3600), Duration.ofSeconds(1)); // finished before the window
        clock().set(start);
        insert(task().withQueue("a"));
        insert(task().withQueue("a"));
        insert(task().withStatus(TaskStatus.SCHEDULED).withRunAt(start.plusSeconds(3600)));
        Task running = insert(task().withQueue("r-" + UUID.randomUUID()));
        claimOnly(running);
        succeed("noop", start, Duration.ofSeconds(1));
        succeed("noop", start, Duration.ofSeconds(2));
        finish("noop", start, Duration.ofSeconds(1), TaskStatus.FAILED);
        finish("noop", start, Duration.ofSeconds(1), TaskStatus.CANCELLED);
        Task deleted = insert(task().withQueue("a"));
        store().taskDelete(deleted.id(), false, now(), "test");
        Task deletedFinished = succeed("noop", start, Duration.ofSeconds(1));
        store().taskDelete(deletedFinished.id(), false, now(), "test");

        Map<TaskStatus, Long> counts =
                store().taskStats(TENANT, start, start.plusSeconds(600)).countsByStatus();

        assertThat(counts).containsOnlyKeys(TaskStatus.values());
        assertThat(counts)
                .containsEntry(TaskStatus.PENDING, 0L)
                .containsEntry(TaskStatus.SCHEDULED, 1L)
                .containsEntry(TaskStatus.QUEUED, 2L)
                .containsEntry(TaskStatus.RUNNING, 1L)
                .containsEntry(TaskStatus.RETRYING, 0L)
                .containsEntry(TaskStatus.SUCCEEDED, 2L)
                .containsEntry(TaskStatus.FAILED, 1L)
                .containsEntry(TaskStatus.CANCELLED, 1L);
    }

    @Test
    void counts_finishes_per_minute_oldest_first_without_gaps() {
        Instant start = Instant.parse("2026-03-01T10:00:00Z");
        succeed("noop", start, Duration.ofSeconds(10)); // 10:00:10
        finish("noop", start.plusSeconds(15), Duration.ofSeconds(5), TaskStatus.FAILED); // 10:00:20
        succeed("noop", start.plusSeconds(150), Duration.ofSeconds(30)); // 10:03:00
        succeed("noop", start.plusSeconds(170), Duration.ofMillis(59_999)); // 10:03:59.999

        TaskStats stats = store().taskStats(TENANT, start.plusSeconds(5), start.plusSeconds(5 * 60 + 30));

        assertThat(stats.perMinute())
                .containsExactly(
                        new MinuteCount(start, 1, 1),
                        new MinuteCount(start.plusSeconds(60), 0, 0),
                        new MinuteCount(start.plusSeconds(120), 0, 0),
                        new MinuteCount(start.plusSeconds(180), 2, 0),
                        new MinuteCount(start.plusSeconds(240), 0, 0),
                        new MinuteCount(start.plusSeconds(300), 0, 0));
    }

    @Test
    void leaves_out_finishes_outside_the_window_cancelled_and_deleted_tasks() {
        Instant start = Instant.parse("2026-03-01T10:00:00Z");
        succeed("early", start, Duration.ofSeconds(1)); // before the window
        succeed("inside", start.plusSeconds(60), Duration.ofSeconds(2));
        finish("cancelled", start.plusSeconds(60), Duration.ofSeconds(2), TaskStatus.CANCELLED);
        Task deleted = succeed("deleted", start.plusSeconds(60), Duration.ofSeconds(2));
        store().taskDelete(deleted.id(), false, now(), "test");
        succeed("late", start.plusSeconds(300), Duration.ofSeconds(1)); // after the window

        TaskStats stats = store().taskStats(TENANT, start.plusSeconds(30), start.plusSeconds(180));

        assertThat(stats.perMinute()).extracting(MinuteCount::succeeded).containsExactly(0L, 1L, 0L, 0L);
        assertThat(stats.perMinute()).extracting(MinuteCount::failed).containsOnly(0L);
        assertThat(stats.durationsByType()).containsExactly(new TypeDurations("inside", 1, 2000, 2000, 2000, 2000));
        assertThat(stats.durationsSince()).isEqualTo(start.plusSeconds(30));
    }

    @Test
    void run_time_percentiles_are_nearest_rank_by_type_sorted_by_type() {
        Instant start = Instant.parse("2026-03-01T10:00:00Z");
        // Twenty runs of 1 s .. 20 s, in shuffled order: p50 is the 10th, p95 the 19th, p99 the 20th.
        List<Integer> seconds = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            seconds.add(i * 7 % 20 + 1);
        }
        for (int i = 0; i < seconds.size(); i++) {
            Duration run = Duration.ofSeconds(seconds.get(i));
            if (i % 4 == 0) {
                finish("report", start.plusSeconds(i), run, TaskStatus.FAILED);
            } else {
                succeed("report", start.plusSeconds(i), run);
            }
        }
        succeed("email", start, Duration.ofMillis(250));
        succeed("email", start, Duration.ofMillis(250));
        succeed("email", start, Duration.ofMillis(1250));

        TaskStats stats = store().taskStats(TENANT, start, start.plusSeconds(3600));

        assertThat(seconds)
                .containsExactlyInAnyOrderElementsOf(
                        java.util.stream.IntStream.rangeClosed(1, 20).boxed().toList());
        assertThat(stats.durationsByType())
                .containsExactly(
                        new TypeDurations("email", 3, 250, 1250, 1250, 1250),
                        new TypeDurations("report", 20, 10_000, 19_000, 20_000, 20_000));
    }

    @Test
    void run_time_of_a_retried_task_is_that_of_its_last_attempt() {
        Instant start = Instant.parse("2026-03-01T10:00:00Z");
        clock().set(start);
        Task t = insert(task().withType("flaky").withQueue("q-" + UUID.randomUUID()));
        claimOnly(t);
        clock().set(start.plusSeconds(30));
        assertThat(apply(AttemptOutcome.retrying(t.id(), 1, WORKER, BOOM, now(), now())))
                .isTrue();
        store().taskPromoteDue(now(), 10);
        clock().set(start.plusSeconds(40));
        claimOnly(t);
        clock().set(start.plusSeconds(43));
        assertThat(apply(AttemptOutcome.succeeded(t.id(), 2, WORKER, null, now())))
                .isTrue();

        TaskStats stats = store().taskStats(TENANT, start, now());

        assertThat(stats.durationsByType()).containsExactly(new TypeDurations("flaky", 1, 3000, 3000, 3000, 3000));
    }

    @Test
    void an_empty_window_has_zero_counts_and_no_durations() {
        Instant start = Instant.parse("2026-03-01T10:00:00Z");

        TaskStats stats = store().taskStats(TENANT, start, start);

        assertThat(stats.perMinute()).containsExactly(new MinuteCount(start, 0, 0));
        assertThat(stats.durationsByType()).isEmpty();
        assertThat(stats.countsByStatus().values()).containsOnly(0L);
        assertThat(stats.durationsSince()).isEqualTo(start);
    }

    @Test
    void a_window_of_a_week_has_a_minute_each_and_longer_or_reversed_ones_are_refused() {
        Instant end = Instant.parse("2026-03-08T10:00:00Z");

        assertThat(store().taskStats(TENANT, end.minus(Duration.ofDays(7)), end).perMinute())
                .hasSize(7 * 24 * 60 + 1);
        assertThatThrownBy(() ->
                        store().taskStats(TENANT, end.minus(Duration.ofDays(7)).minusMillis(1), end))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().taskStats(TENANT, end.plusMillis(1), end))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
