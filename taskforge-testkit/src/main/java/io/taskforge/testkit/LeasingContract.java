package io.taskforge.testkit;

import static io.taskforge.testkit.TaskAssert.assertThatTask;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskforge.store.HeldTask;
import io.taskforge.store.ProgressUpdate;
import io.taskforge.store.WorkerRecord;
import io.taskforge.store.WorkerStatus;
import io.taskforge.task.Progress;
import io.taskforge.task.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lease renewal (one worker's tasks, or one attempt) and progress reports. */
abstract class LeasingContract extends StoreContractSupport {

    LeasingContract(TaskStoreContract contract) {
        super(contract);
    }

    @Test
    void renewal_extends_the_leases_of_the_workers_running_tasks_and_lists_them() {
        Task a = insert(task().withQueue("a"));
        Task b = insert(task().withQueue("b"));
        claim(WORKER, 1, "a");
        claim(OTHER_WORKER, 1, "b");
        clock().advance(Duration.ofSeconds(10));
        Instant until = now().plus(LEASE);

        List<HeldTask> held = store().taskLeaseRenewMany(WORKER, now(), until);

        assertThat(held).containsExactly(new HeldTask(a.id(), 1, false));
        assertThatTask(get(a)).hasLeaseUntil(until);
        assertThatTask(get(b)).hasLeaseUntil(now().minusSeconds(10).plus(LEASE));
    }

    @Test
    void renewal_tells_the_worker_which_tasks_should_stop() {
        Task a = insert(task());
        Task b = insert(task());
        claim(WORKER, 2, "default");
        store().taskCancel(b.id(), now(), "carol");

        List<HeldTask> held = store().taskLeaseRenewMany(WORKER, now(), now().plus(LEASE));

        assertThat(held).containsExactlyInAnyOrder(new HeldTask(a.id(), 1, false), new HeldTask(b.id(), 1, true));
    }

    @Test
    void renewal_records_the_heartbeat_of_a_registered_worker_and_revives_a_lost_one() {
        Instant start = now();
        store().workerUpsert(new WorkerRecord(
                WORKER, "host", 42, List.of("default"), 4, 0, start, start, WorkerStatus.ACTIVE));
        store().workerMarkLost(now().plusSeconds(1), now());
        clock().advance(Duration.ofMinutes(2));

        store().taskLeaseRenewMany(WORKER, now(), now().plus(LEASE));

        WorkerRecord worker = store().workerList().getFirst();
        assertThat(worker.lastHeartbeatAt()).isEqualTo(now());
        assertThat(worker.status()).isEqualTo(WorkerStatus.ACTIVE);
    }

    @Test
    void renewal_of_an_unregistered_worker_without_tasks_is_harmless() {
        assertThat(store().taskLeaseRenewMany("nobody", now(), now().plus(LEASE)))
                .isEmpty();
        assertThat(store().workerList()).isEmpty();
    }

    @Test
    void renewing_one_attempt_needs_the_same_attempt_and_worker() {
        Task t = insert(task());
        claimOnly(t);
        Instant until = now().plus(Duration.ofMinutes(5));

        assertThat(store().taskLeaseRenewIfRunning(t.id(), 2, WORKER, now(), until))
                .isEmpty();
        assertThat(store().taskLeaseRenewIfRunning(t.id(), 1, OTHER_WORKER, now(), until))
                .isEmpty();
        assertThat(store().taskLeaseRenewIfRunning(t.id(), 1, WORKER, now(), until))
                .contains(new HeldTask(t.id(), 1, false));
        assertThatTask(get(t)).hasLeaseUntil(until);
    }

    @Test
    void a_rescued_task_is_no_longer_held() {
        Task t = insert(task());
        claimOnly(t);
        clock().advance(LEASE.plusSeconds(1));
        store().taskRescueExpired(now(), 10);

        assertThat(store().taskLeaseRenewMany(WORKER, now(), now().plus(LEASE))).isEmpty();
        assertThat(store().taskLeaseRenewIfRunning(t.id(), 1, WORKER, now(), now().plus(LEASE)))
                .isEmpty();
    }

    @Test
    void progress_is_stored_for_the_running_attempt_only() {
        Task running = insert(task().withQueue("p"));
        claimOnly(running);
        Task queued = insert(task());

        store().taskProgressSetIfRunningMany(List.of(
                new ProgressUpdate(running.id(), 1, new Progress(55, "halfway"), now()),
                new ProgressUpdate(queued.id(), 0, new Progress(10, "never"), now()),
                new ProgressUpdate("junk", 1, new Progress(1, "x"), now())));
        store().taskProgressSetIfRunningMany(
                        List.of(new ProgressUpdate(running.id(), 7, new Progress(99, "old attempt"), now())));

        assertThatTask(get(running)).hasProgress(55, "halfway");
        assertThatTask(get(queued)).hasNoProgress();
    }
}
