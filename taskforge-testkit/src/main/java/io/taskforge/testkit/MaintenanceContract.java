package io.taskforge.testkit;

import static io.taskforge.testkit.TaskAssert.assertThatTask;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskforge.store.AttemptOutcome;
import io.taskforge.store.PromoteResult;
import io.taskforge.task.Task;
import io.taskforge.task.TaskError;
import io.taskforge.task.TaskEvent;
import io.taskforge.task.TaskEventType;
import io.taskforge.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The leader's sweeps: promoting due tasks and rescuing tasks whose lease ran out. */
abstract class MaintenanceContract extends StoreContractSupport {

    MaintenanceContract(TaskStoreContract contract) {
        super(contract);
    }

    private Task scheduledIn(Duration d, String queue) {
        return insert(
                task().withStatus(TaskStatus.SCHEDULED).withRunAt(now().plus(d)).withQueue(queue));
    }

    @Test
    void promotes_scheduled_and_retrying_tasks_whose_time_came() {
        Task due = scheduledIn(Duration.ofSeconds(10), "mail");
        Task later = scheduledIn(Duration.ofMinutes(10), "mail");
        Task retrying = insert(task().withQueue("sync"));
        claimOnly(retrying);
        apply(AttemptOutcome.retrying(retrying.id(), 1, WORKER, TaskError.of("X", "y"), now().plusSeconds(5), now()));
        clock().advance(Duration.ofSeconds(10));

        PromoteResult result = store().taskPromoteDue(now(), 100);

        assertThat(result).isEqualTo(new PromoteResult(2, Set.of("mail", "sync")));
        assertThatTask(get(due)).hasStatus(TaskStatus.QUEUED).hasUpdatedAt(now());
        assertThatTask(get(retrying)).hasStatus(TaskStatus.QUEUED).hasAttempt(1);
        assertThatTask(get(later)).hasStatus(TaskStatus.SCHEDULED);
        assertThat(lastEvent(due))
                .isEqualTo(new TaskEvent(
                        due.id(),
                        now(),
                        TaskEventType.QUEUED,
                        TaskStatus.SCHEDULED,
                        TaskStatus.QUEUED,
                        0,
                        null,
                        null,
                        "system"));
        assertThat(lastEvent(retrying).fromStatus()).isEqualTo(TaskStatus.RETRYING);
        assertThat(lastEvent(retrying).attempt()).isEqualTo(1);
    }

    @Test
    void promotes_at_most_the_limit_earliest_first() {
        Task third = scheduledIn(Duration.ofSeconds(3), "q");
        Task first = scheduledIn(Duration.ofSeconds(1), "q");
        Task second = scheduledIn(Duration.ofSeconds(2), "q");
        clock().advance(Duration.ofMinutes(1));

        assertThat(store().taskPromoteDue(now(), 2).count()).isEqualTo(2);

        assertThatTask(get(first)).hasStatus(TaskStatus.QUEUED);
        assertThatTask(get(second)).hasStatus(TaskStatus.QUEUED);
        assertThatTask(get(third)).hasStatus(TaskStatus.SCHEDULED);
        assertThat(store().taskPromoteDue(now(), 2).count()).isEqualTo(1);
        assertThat(store().taskPromoteDue(now(), 2)).isEqualTo(new PromoteResult(0, Set.of()));
    }

    @Test
    void promoted_tasks_keep_their_run_time_so_they_queue_in_due_order() {
        Task late = scheduledIn(Duration.ofSeconds(20), "q");
        Task early = scheduledIn(Duration.ofSeconds(10), "q");
        clock().advance(Duration.ofMinutes(1));
        Task fresh = insert(task().withQueue("q"));
        store().taskPromoteDue(now(), 10);

        assertThat(ids(claim(WORKER, 3, "q"))).containsExactly(early.id(), late.id(), fresh.id());
    }

    @Test
    void the_next_due_time_is_the_earliest_waiting_run_time() {
        assertThat(store().taskNextDueAt()).isEmpty();
        Task soon = scheduledIn(Duration.ofSeconds(30), "q");
        scheduledIn(Duration.ofMinutes(30), "q");
        insert(task().withStatus(TaskStatus.PENDING).withRunAt(now().minusSeconds(60)));

        assertThat(store().taskNextDueAt()).contains(soon.runAt());
    }

    @Test
    void rescues_a_task_with_attempts_left_back_to_the_queue() {
        Task t = insert(task().withMaxAttempts(3));
        claimOnly(t);
        Instant leaseEnd = now().plus(LEASE);
        clock().advance(LEASE.plusSeconds(1));

        List<Task> rescued = store().taskRescueExpired(now(), 10);

        assertThat(rescued).hasSize(1);
        assertThatTask(rescued.getFirst())
                .hasId(t.id())
                .hasStatus(TaskStatus.QUEUED)
                .hasAttempt(1)
                .hasNoLease()
                .isNotFinished()
                .hasErrorType("LeaseExpired");
        assertThat(get(t)).usingRecursiveComparison().isEqualTo(rescued.getFirst());
        TaskEvent event = lastEvent(t);
        assertThat(event.type()).isEqualTo(TaskEventType.LEASE_EXPIRED);
        assertThat(event.fromStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(event.toStatus()).isEqualTo(TaskStatus.QUEUED);
        assertThat(event.error().type()).isEqualTo("LeaseExpired");
        assertThat(leaseEnd).isBefore(now());
        assertThatTask(claim(OTHER_WORKER, 1, "default").getFirst()).hasAttempt(2);
    }

    @Test
    void rescues_a_task_with_no_attempts_left_as_failed() {
        Task t = insert(task().withMaxAttempts(1));
        claimOnly(t);
        clock().advance(LEASE.plusSeconds(1));

        List<Task> rescued = store().taskRescueExpired(now(), 10);

        assertThatTask(rescued.getFirst()).hasStatus(TaskStatus.FAILED).hasFinishedAt(now());
        assertThat(lastEvent(t).toStatus()).isEqualTo(TaskStatus.FAILED);
    }

    @Test
    void rescues_a_task_whose_cancel_was_requested_as_cancelled() {
        Task t = insert(task().withMaxAttempts(5));
        claimOnly(t);
        store().taskCancel(t.id(), now(), "carol");
        clock().advance(LEASE.plusSeconds(1));

        List<Task> rescued = store().taskRescueExpired(now(), 10);

        assertThatTask(rescued.getFirst()).hasStatus(TaskStatus.CANCELLED).hasFinishedAt(now());
    }

    @Test
    void leaves_unexpired_and_renewed_leases_alone_and_respects_the_limit() {
        Task a = insert(task().withQueue("a"));
        Task b = insert(task().withQueue("b"));
        Task c = insert(task().withQueue("c"));
        claim(WORKER, 1, "a");
        clock().advance(Duration.ofSeconds(1));
        claim(WORKER, 1, "b");
        clock().advance(Duration.ofSeconds(1));
        claim(OTHER_WORKER, 1, "c");
        clock().advance(LEASE.minusSeconds(1));
        store().taskLeaseRenewMany(OTHER_WORKER, now(), now().plus(LEASE));
        clock().advance(Duration.ofSeconds(5));

        List<Task> first = store().taskRescueExpired(now(), 1);
        List<Task> second = store().taskRescueExpired(now(), 10);

        assertThat(ids(first)).containsExactly(a.id());
        assertThat(ids(second)).containsExactly(b.id());
        assertThatTask(get(c)).hasStatus(TaskStatus.RUNNING);
        assertThat(store().taskRescueExpired(now(), 10)).isEmpty();
    }
}
