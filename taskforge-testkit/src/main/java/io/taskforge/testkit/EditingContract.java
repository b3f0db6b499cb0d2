package io.taskforge.testkit;

import static io.taskforge.testkit.TaskAssert.assertThatTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskforge.store.AttemptOutcome;
import io.taskforge.store.TaskStateConflictException;
import io.taskforge.store.UniqueKeyConflictException;
import io.taskforge.task.Priority;
import io.taskforge.task.Tag;
import io.taskforge.task.Task;
import io.taskforge.task.TaskError;
import io.taskforge.task.TaskEvent;
import io.taskforge.task.TaskEventType;
import io.taskforge.task.TaskLogLine;
import io.taskforge.task.TaskPatch;
import io.taskforge.task.TaskQuery;
import io.taskforge.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** taskUpdate, taskCancel, taskRetry, taskDelete: what people do to one task, and its state rules. */
abstract class EditingContract extends StoreContractSupport {

    EditingContract(TaskStoreContract contract) {
        super(contract);
    }

    private Task aRunningTask() {
        Task t = insert(task().withQueue("run-" + System.nanoTime()));
        return claimOnly(t);
    }

    private Task aFailedTask() {
        Task running = aRunningTask();
        apply(AttemptOutcome.failed(running.id(), 1, WORKER, TaskError.of("Boom", "it broke"), now()));
        return get(running);
    }

    // ---- update -------------------------------------------------------------------------------------

    @Test
    void update_changes_descriptive_fields_and_records_who_did_it() {
        Task t = insert(task().withTitle("old").withTags("a"));
        clock().advance(Duration.ofMinutes(1));

        Task updated = store().taskUpdate(
                        t.id(), new TaskPatch("new", "details", Priority.URGENT, List.of("b", "c")), now(), "bob")
                .orElseThrow();

        assertThatTask(updated)
                .hasTitle("new")
                .hasDescription("details")
                .hasPriority(Priority.URGENT)
                .hasTags("b", "c")
                .hasUpdatedAt(now())
                .hasStatus(TaskStatus.QUEUED);
        TaskEvent event = lastEvent(t);
        assertThat(event.type()).isEqualTo(TaskEventType.UPDATED);
        assertThat(event.fromStatus()).isNull();
        assertThat(event.toStatus()).isNull();
        assertThat(event.actor()).isEqualTo("bob");
        assertThat(store().tagList(TENANT)).extracting(Tag::name).contains("b", "c");
    }

    @Test
    void update_leaves_fields_it_was_not_given() {
        Task t = insert(task().withTitle("keep").withDescription("me").withTags("x"));

        store().taskUpdate(t.id(), new TaskPatch(null, null, Priority.LOW, null), now(), "bob");

        assertThatTask(get(t))
                .hasTitle("keep")
                .hasDescription("me")
                .hasTags("x")
                .hasPriority(Priority.LOW);
    }

    @Test
    void update_of_an_unknown_task_is_empty() {
        Task never = task().build();

        assertThat(store().taskUpdate(never.id(), new TaskPatch("x", null, null, null), now(), "bob"))
                .isEmpty();
    }

    @Test
    void a_new_priority_reorders_a_waiting_task() {
        Task first = insert(task());
        Task second = insert(task());

        store().taskUpdate(second.id(), new TaskPatch(null, null, Priority.HIGH, null), now(), "bob");

        assertThat(ids(claim(WORKER, 2, "default"))).containsExactly(second.id(), first.id());
    }

    // ---- cancel -------------------------------------------------------------------------------------

    @Test
    void cancel_finishes_a_waiting_task_at_once() {
        Task queued = insert(task());
        Task scheduled = insert(task().withStatus(TaskStatus.SCHEDULED).withRunAt(now().plusSeconds(60)));
        Task pending = insert(task().withStatus(TaskStatus.PENDING));
        clock().advance(Duration.ofSeconds(5));

        for (Task t : List.of(queued, scheduled, pending)) {
            Task cancelled = store().taskCancel(t.id(), now(), "carol").orElseThrow();

            assertThatTask(cancelled).hasStatus(TaskStatus.CANCELLED).hasFinishedAt(now());
            assertThat(lastEvent(t))
                    .isEqualTo(new TaskEvent(
                            t.id(),
                            now(),
                            TaskEventType.CANCELLED,
                            t.status(),
                            TaskStatus.CANCELLED,
                            0,
                            null,
                            null,
                            "carol"));
        }
        assertThat(claim(WORKER, 10, "default")).isEmpty();
    }

    @Test
    void cancel_finishes_a_retrying_task_at_once() {
        Task running = aRunningTask();
        apply(AttemptOutcome.retrying(running.id(), 1, WORKER, TaskError.of("X", "y"), now().plusSeconds(60), now()));

        Task cancelled = store().taskCancel(running.id(), now(), "carol").orElseThrow();

        assertThatTask(cancelled).hasStatus(TaskStatus.CANCELLED);
        assertThat(lastEvent(running).fromStatus()).isEqualTo(TaskStatus.RETRYING);
        assertThat(store().taskPromoteDue(now().plusSeconds(120), 10).count()).isZero();
    }

    @Test
    void cancel_of_a_running_task_asks_its_worker_once() {
        Task running = aRunningTask();

        Task afterFirst = store().taskCancel(running.id(), now(), "carol").orElseThrow();
        Task afterSecond = store().taskCancel(running.id(), now(), "dave").orElseThrow();

        assertThatTask(afterFirst).hasStatus(TaskStatus.RUNNING).isCancelRequested();
        assertThatTask(afterSecond).hasStatus(TaskStatus.RUNNING).isCancelRequested();
        assertThat(eventTypes(running)).containsOnlyOnce(TaskEventType.CANCEL_REQUESTED);
        TaskEvent requested = lastEvent(running);
        assertThat(requested.fromStatus()).isNull();
        assertThat(requested.actor()).isEqualTo("carol");
    }

    @Test
    void cancel_of_a_finished_task_is_a_conflict() {
        Task failed = aFailedTask();

        assertThatThrownBy(() -> store().taskCancel(failed.id(), now(), "carol"))
                .isInstanceOfSatisfying(
                        TaskStateConflictException.class,
                        e -> assertThatTask(e.task()).hasId(failed.id()).hasStatus(TaskStatus.FAILED));
    }

    @Test
    void cancel_of_an_unknown_task_is_empty() {
        assertThat(store().taskCancel(task().build().id(), now(), "carol")).isEmpty();
    }

    // ---- retry --------------------------------------------------------------------------------------

    @Test
    void retry_puts_a_failed_task_back_with_one_more_attempt_and_keeps_its_last_error() {
        Task running = insert(task().withMaxAttempts(1).withQueue("once"));
        claimOnly(running);
        apply(AttemptOutcome.failed(running.id(), 1, WORKER, TaskError.of("Boom", "broke"), now()));
        clock().advance(Duration.ofMinutes(3));

        Task retried = store().taskRetry(running.id(), now(), "erin").orElseThrow();

        assertThatTask(retried)
                .hasStatus(TaskStatus.QUEUED)
                .hasRunAt(now())
                .hasAttempt(1)
                .hasMaxAttempts(2)
                .isNotFinished()
                .hasErrorType("Boom");
        assertThat(lastEvent(running))
                .isEqualTo(new TaskEvent(
                        running.id(),
                        now(),
                        TaskEventType.RETRIED,
                        TaskStatus.FAILED,
                        TaskStatus.QUEUED,
                        1,
                        null,
                        null,
                        "erin"));
        assertThatTask(claimOnly(running)).hasAttempt(2);
    }

    @Test
    void retry_keeps_max_attempts_when_attempts_remain() {
        Task running = insert(task().withMaxAttempts(5).withQueue("five"));
        claimOnly(running);
        apply(AttemptOutcome.failed(running.id(), 1, WORKER, TaskError.of("Fatal", "no"), now()));

        assertThatTask(store().taskRetry(running.id(), now(), "erin")).hasMaxAttempts(5);
    }

    @Test
    void retry_of_a_cancelled_task_clears_the_cancel_request() {
        Task running = aRunningTask();
        store().taskCancel(running.id(), now(), "carol");
        apply(AttemptOutcome.cancelled(running.id(), 1, WORKER, now()));

        Task retried = store().taskRetry(running.id(), now(), "erin").orElseThrow();

        assertThatTask(retried)
                .hasStatus(TaskStatus.QUEUED)
                .isNotCancelRequested()
                .isNotFinished();
    }

    @Test
    void retry_of_a_task_that_did_not_fail_or_get_cancelled_is_a_conflict() {
        Task queued = insert(task());
        Task running = aRunningTask();
        Task succeeded = aRunningTask();
        apply(AttemptOutcome.succeeded(succeeded.id(), 1, WORKER, null, now()));

        for (Task t : List.of(queued, running, succeeded)) {
            assertThatThrownBy(() -> store().taskRetry(t.id(), now(), "erin"))
                    .isInstanceOf(TaskStateConflictException.class);
        }
    }

    @Test
    void retry_is_refused_while_another_unfinished_task_holds_its_unique_key() {
        Task first = insert(task().withUniqueKey("sync").withQueue("u"));
        claimOnly(first);
        apply(AttemptOutcome.failed(first.id(), 1, WORKER, null, now()));
        Task second = insert(task().withUniqueKey("sync"));

        assertThatThrownBy(() -> store().taskRetry(first.id(), now(), "erin"))
                .isInstanceOfSatisfying(
                        UniqueKeyConflictException.class,
                        e -> assertThat(e.holderTaskId()).isEqualTo(second.id()));
        assertThatTask(get(first)).hasStatus(TaskStatus.FAILED);
    }

    // ---- delete -------------------------------------------------------------------------------------

    @Test
    void delete_hides_a_task_from_every_read_and_returns_it_as_it_was() {
        Task t = insert(task().withTags("gone"));
        store().taskLogAppendMany(List.of(new TaskLogLine(0, t.id(), 0, now(), "stdout", "x")));

        Task deleted = store().taskDelete(t.id(), false, now(), "frank").orElseThrow();

        assertThatTask(deleted).hasId(t.id()).hasStatus(TaskStatus.QUEUED);
        assertThat(store().taskGet(t.id())).isEmpty();
        assertThat(store().taskList(TaskQuery.builder().includeTotal(true).build())
                        .total())
                .isZero();
        assertThat(store().taskEventList(t.id())).isEmpty();
        assertThat(store().taskLogList(t.id(), 0, 10).items()).isEmpty();
        assertThat(store().tagList(TENANT)).extracting(Tag::taskCount).containsExactly(0L);
        assertThat(claim(WORKER, 10, "default")).isEmpty();
        assertThat(store().taskDelete(t.id(), false, now(), "frank")).isEmpty();
    }

    @Test
    void deleted_waiting_tasks_are_neither_promoted_nor_due() {
        Task scheduled = insert(task().withStatus(TaskStatus.SCHEDULED).withRunAt(now().plusSeconds(10)));
        store().taskDelete(scheduled.id(), false, now(), "frank");

        assertThat(store().taskNextDueAt()).isEmpty();
        assertThat(store().taskPromoteDue(now().plusSeconds(60), 10).count()).isZero();
    }

    @Test
    void delete_of_a_running_task_needs_force() {
        Task running = aRunningTask();

        assertThatThrownBy(() -> store().taskDelete(running.id(), false, now(), "frank"))
                .isInstanceOf(TaskStateConflictException.class);
        assertThatTask(get(running)).hasStatus(TaskStatus.RUNNING);
    }

    @Test
    void forced_delete_cancels_a_running_task_and_takes_it_from_its_worker() {
        Task running = aRunningTask();
        Instant at = now();

        Task before = store().taskDelete(running.id(), true, at, "frank").orElseThrow();

        assertThatTask(before).hasStatus(TaskStatus.RUNNING);
        assertThat(store().taskGet(running.id())).isEmpty();
        assertThat(store().taskLeaseRenewMany(WORKER, now(), now().plus(LEASE))).isEmpty();
        assertThat(apply(AttemptOutcome.succeeded(running.id(), 1, WORKER, null, now())))
                .isFalse();
        assertThat(store().taskRescueExpired(now().plus(Duration.ofHours(1)), 10))
                .isEmpty();
    }

    @Test
    void delete_of_an_unknown_task_is_empty() {
        assertThat(store().taskDelete(task().build().id(), true, now(), "frank"))
                .isEmpty();
    }
}
