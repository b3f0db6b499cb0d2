package io.taskforge.testkit;

import static io.taskforge.testkit.TaskAssert.assertThatTask;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskforge.store.AttemptOutcome;
import io.taskforge.task.Task;
import io.taskforge.task.TaskError;
import io.taskforge.task.TaskEvent;
import io.taskforge.task.TaskEventType;
import io.taskforge.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** taskSetOutcomeIfRunningMany: each outcome, and the guard that ignores late or foreign reports. */
abstract class EndingAttemptsContract extends StoreContractSupport {
    private static final TaskError BOOM = new TaskError("java.io.IOException", "disk on fire", "at Handler.run");

    EndingAttemptsContract(TaskStoreContract contract) {
        super(contract);
    }

    private Task running() {
        Task t = insert(task().withQueue("q-" + System.nanoTime()));
        Task claimed = claimOnly(t);
        clock().advance(Duration.ofSeconds(2));
        return claimed;
    }

    private void assertLastEvent(Task t, TaskEventType type, TaskStatus to, TaskError error, String message) {
        assertThat(lastEvent(t))
                .isEqualTo(new TaskEvent(
                        t.id(), now(), type, TaskStatus.RUNNING, to, t.attempt(), message, error, "worker:" + WORKER));
    }

    @Test
    void success_stores_the_result_and_finishes_the_task() {
        Task t = running();

        String result = "{\"rows\": 12, \"ok\": true}";
        boolean applied = apply(AttemptOutcome.succeeded(t.id(), 1, WORKER, result, now()));

        assertThat(applied).isTrue();
        assertThatTask(get(t))
                .hasStatus(TaskStatus.SUCCEEDED)
                .hasResult("{\"ok\":true,\"rows\":12}")
                .hasFinishedAt(now())
                .hasUpdatedAt(now())
                .hasNoLease()
                .hasNoError()
                .hasAttempt(1);
        assertThat(get(t).result()).as("the result text as reported").isEqualTo(result);
        assertLastEvent(t, TaskEventType.SUCCEEDED, TaskStatus.SUCCEEDED, null, null);
    }

    @Test
    void a_failed_attempt_with_attempts_left_waits_for_its_retry() {
        Task t = running();
        Instant retryAt = now().plus(Duration.ofMinutes(1));

        apply(AttemptOutcome.retrying(t.id(), 1, WORKER, BOOM, retryAt, now()));

        assertThatTask(get(t))
                .hasStatus(TaskStatus.RETRYING)
                .hasRunAt(retryAt)
                .hasErrorType("java.io.IOException")
                .hasErrorMessage("disk on fire")
                .isNotFinished()
                .hasNoLease();
        assertThat(get(t).error()).isEqualTo(BOOM);
        assertLastEvent(t, TaskEventType.ATTEMPT_FAILED, TaskStatus.RETRYING, BOOM, null);
        assertThat(store().taskNextDueAt()).contains(retryAt);
    }

    @Test
    void a_retried_attempt_keeps_the_last_error_until_it_ends() {
        Task t = running();
        apply(AttemptOutcome.retrying(t.id(), 1, WORKER, BOOM, now(), now()));
        store().taskPromoteDue(now(), 10);

        Task again = claimOnly(t);

        assertThatTask(again).hasAttempt(2).hasErrorType(BOOM.type());
        apply(AttemptOutcome.succeeded(t.id(), 2, WORKER, null, now()));
        assertThatTask(get(t)).hasStatus(TaskStatus.SUCCEEDED).hasNoError();
    }

    @Test
    void a_failure_dead_letters_the_task() {
        Task t = running();

        apply(AttemptOutcome.failed(t.id(), 1, WORKER, BOOM, now()));

        assertThatTask(get(t)).hasStatus(TaskStatus.FAILED).hasFinishedAt(now()).hasErrorType(BOOM.type());
        assertLastEvent(t, TaskEventType.FAILED, TaskStatus.FAILED, BOOM, null);
    }

    @Test
    void a_cancelled_attempt_finishes_the_task() {
        Task t = running();
        store().taskCancel(t.id(), now(), "carol");

        apply(AttemptOutcome.cancelled(t.id(), 1, WORKER, now()));

        assertThatTask(get(t))
                .hasStatus(TaskStatus.CANCELLED)
                .hasFinishedAt(now())
                .hasNoLease();
        assertLastEvent(t, TaskEventType.CANCELLED, TaskStatus.CANCELLED, null, "cancelled while running");
    }

    @Test
    void a_released_task_gets_its_attempt_back_and_is_ready_at_once() {
        Task t = running();

        apply(AttemptOutcome.released(t.id(), 1, WORKER, now(), "worker stopping"));

        assertThatTask(get(t))
                .hasStatus(TaskStatus.QUEUED)
                .hasAttempt(0)
                .hasNoLease()
                .isNotFinished();
        assertLastEvent(t, TaskEventType.RELEASED, TaskStatus.QUEUED, null, "worker stopping");
        assertThatTask(claim(OTHER_WORKER, 1, t.queue()).getFirst())
                .hasAttempt(1)
                .hasWorker(OTHER_WORKER);
    }

    @Test
    void a_released_task_whose_cancel_was_requested_is_cancelled_instead() {
        Task t = running();
        store().taskCancel(t.id(), now(), "carol");

        assertThat(apply(AttemptOutcome.released(t.id(), 1, WORKER, now(), "worker stopping")))
                .isTrue();

        assertThatTask(get(t)).hasStatus(TaskStatus.CANCELLED).hasFinishedAt(now());
        assertThat(claim(OTHER_WORKER, 1, t.queue())).isEmpty();
    }

    @Test
    void a_report_from_another_worker_changes_nothing() {
        Task t = running();

        assertThat(apply(AttemptOutcome.succeeded(t.id(), 1, OTHER_WORKER, null, now())))
                .isFalse();

        assertThatTask(get(t)).hasStatus(TaskStatus.RUNNING).hasWorker(WORKER);
        assertThat(lastEvent(t).type()).isEqualTo(TaskEventType.STARTED);
    }

    @Test
    void a_report_for_an_earlier_attempt_changes_nothing() {
        Task t = running();
        apply(AttemptOutcome.released(t.id(), 1, WORKER, now(), "stop"));
        claimOnly(t);
        apply(AttemptOutcome.released(t.id(), 1, WORKER, now(), "stop"));
        Task second = claimOnly(t);
        assertThat(second.attempt()).isEqualTo(1);
        apply(AttemptOutcome.retrying(t.id(), 1, WORKER, BOOM, now(), now()));
        store().taskPromoteDue(now(), 10);
        claimOnly(t);

        assertThat(apply(AttemptOutcome.failed(t.id(), 1, WORKER, BOOM, now()))).isFalse();
        assertThatTask(get(t)).hasStatus(TaskStatus.RUNNING).hasAttempt(2);
    }

    @Test
    void a_duplicate_report_applies_once() {
        Task t = running();
        AttemptOutcome done = AttemptOutcome.succeeded(t.id(), 1, WORKER, null, now());

        List<Boolean> applied = store().taskSetOutcomeIfRunningMany(List.of(done, done));
        boolean late = apply(AttemptOutcome.failed(t.id(), 1, WORKER, BOOM, now()));

        assertThat(applied).containsExactly(true, false);
        assertThat(late).isFalse();
        assertThatTask(get(t)).hasStatus(TaskStatus.SUCCEEDED);
        assertThat(eventTypes(t)).containsOnlyOnce(TaskEventType.SUCCEEDED).doesNotContain(TaskEventType.FAILED);
    }

    @Test
    void a_report_after_the_lease_was_rescued_changes_nothing() {
        Task t = running();
        clock().advance(LEASE.plusSeconds(1));
        store().taskRescueExpired(now(), 10);

        assertThat(apply(AttemptOutcome.succeeded(t.id(), 1, WORKER, null, now())))
                .isFalse();
        assertThatTask(get(t)).hasStatus(TaskStatus.QUEUED);
    }

    @Test
    void reports_for_unknown_or_malformed_ids_are_not_applied() {
        Task t = running();

        List<Boolean> applied = store().taskSetOutcomeIfRunningMany(List.of(
                AttemptOutcome.succeeded("junk", 1, WORKER, null, now()),
                AttemptOutcome.succeeded(task().build().id(), 1, WORKER, null, now()),
                AttemptOutcome.succeeded(t.id(), 1, WORKER, null, now())));

        assertThat(applied).containsExactly(false, false, true);
    }

    @Test
    void a_mixed_batch_answers_for_each_outcome_in_input_order() {
        List<Task> tasks =
                insert(IntStream.range(0, 6).mapToObj(i -> task().build()).toArray(Task[]::new));
        claim(WORKER, 6, "default");
        Task foreign = insert(task().withQueue("foreign"));
        claim(OTHER_WORKER, 1, "foreign");

        List<Boolean> applied = store().taskSetOutcomeIfRunningMany(List.of(
                AttemptOutcome.succeeded(tasks.get(0).id(), 1, WORKER, "1", now()),
                AttemptOutcome.failed(tasks.get(1).id(), 1, WORKER, BOOM, now()),
                AttemptOutcome.succeeded(foreign.id(), 1, WORKER, null, now()),
                AttemptOutcome.retrying(tasks.get(2).id(), 1, WORKER, BOOM, now().plusSeconds(9), now()),
                AttemptOutcome.released(tasks.get(3).id(), 1, WORKER, now(), "bye"),
                AttemptOutcome.cancelled(tasks.get(4).id(), 1, WORKER, now()),
                AttemptOutcome.succeeded(tasks.get(5).id(), 1, WORKER, "2", now())));

        assertThat(applied).containsExactly(true, true, false, true, true, true, true);
        assertThat(List.of(tasks.get(0), tasks.get(1), tasks.get(2), tasks.get(3), tasks.get(4), tasks.get(5)))
                .extracting(t -> get(t).status())
                .containsExactly(
                        TaskStatus.SUCCEEDED,
                        TaskStatus.FAILED,
                        TaskStatus.RETRYING,
                        TaskStatus.QUEUED,
                        TaskStatus.CANCELLED,
                        TaskStatus.SUCCEEDED);
        assertThatTask(get(foreign)).hasStatus(TaskStatus.RUNNING);
    }

    @Test
    void thousands_of_outcomes_apply_in_one_call() {
        int n = 2000;
        store().taskInsertMany(
                        IntStream.range(0, n).mapToObj(i -> task().build()).toList());
        List<Task> claimed = claim(WORKER, n, "default");
        List<AttemptOutcome> outcomes = new ArrayList<>();
        for (Task t : claimed) {
            outcomes.add(AttemptOutcome.succeeded(t.id(), 1, WORKER, "{\"n\":1}", now()));
        }

        List<Boolean> applied = store().taskSetOutcomeIfRunningMany(outcomes);

        assertThat(claimed).hasSize(n);
        assertThat(applied).hasSize(n).containsOnly(true);
        assertThatTask(get(claimed.get(n / 2))).hasStatus(TaskStatus.SUCCEEDED);
    }

    @Test
    void no_outcomes_is_nothing_to_do() {
        assertThat(store().taskSetOutcomeIfRunningMany(List.of())).isEmpty();
    }
}
