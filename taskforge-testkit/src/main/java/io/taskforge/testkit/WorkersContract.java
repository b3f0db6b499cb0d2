package io.taskforge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.taskforge.store.WorkerRecord;
import io.taskforge.store.WorkerStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Worker registration and leader leases. */
abstract class WorkersContract extends StoreContractSupport {

    WorkersContract(TaskStoreContract contract) {
        super(contract);
    }

    private WorkerRecord worker(String id, Instant heartbeat, WorkerStatus status) {
        return new WorkerRecord(id, "host-" + id, 1000, List.of("default", "mail"), 8, 2, now(), heartbeat, status);
    }

    @Test
    void registers_workers_and_updates_their_rows() {
        WorkerRecord w2 = worker("w2", now(), WorkerStatus.ACTIVE);
        store().workerUpsert(worker("w1", now(), WorkerStatus.ACTIVE));
        store().workerUpsert(w2);
        clock().advance(Duration.ofSeconds(5));
        WorkerRecord changed =
                new WorkerRecord("w1", "host-x", 77, List.of("reports"), 16, 9, now(), now(), WorkerStatus.STOPPED);

        store().workerUpsert(changed);

        assertThat(store().workerList()).containsExactly(changed, w2);
    }

    @Test
    void marks_active_workers_with_old_heartbeats_as_lost() {
        Instant old = now();
        store().workerUpsert(worker("silent", old, WorkerStatus.ACTIVE));
        store().workerUpsert(worker("stopped", old, WorkerStatus.STOPPED));
        clock().advance(Duration.ofMinutes(1));
        store().workerUpsert(worker("alive", now(), WorkerStatus.ACTIVE));

        int lost = store().workerMarkLost(now().minusSeconds(30), now());

        assertThat(lost).isEqualTo(1);
        assertThat(store().workerList())
                .extracting(WorkerRecord::id, WorkerRecord::status)
                .containsExactly(
                        tuple("alive", WorkerStatus.ACTIVE),
                        tuple("silent", WorkerStatus.LOST),
                        tuple("stopped", WorkerStatus.STOPPED));
    }

    @Test
    void forgets_stopped_and_lost_workers_after_a_while_but_never_active_ones() {
        Instant old = now();
        store().workerUpsert(worker("stopped-long-ago", old, WorkerStatus.STOPPED));
        store().workerUpsert(worker("lost-long-ago", old, WorkerStatus.LOST));
        store().workerUpsert(worker("active-but-silent", old, WorkerStatus.ACTIVE));
        clock().advance(Duration.ofDays(2));
        store().workerUpsert(worker("stopped-recently", now(), WorkerStatus.STOPPED));

        int removed = store().workerDeleteInactive(now().minus(Duration.ofDays(1)));

        assertThat(removed).isEqualTo(2);
        assertThat(store().workerList())
                .extracting(WorkerRecord::id)
                .containsExactlyInAnyOrder("active-but-silent", "stopped-recently");
    }

    @Test
    void one_holder_leads_at_a_time_and_may_extend() {
        Instant until = now().plusSeconds(30);

        assertThat(store().leaderTryAcquire("scheduler", "node-a", now(), until))
                .isTrue();
        assertThat(store().leaderTryAcquire("scheduler", "node-b", now(), until))
                .isFalse();
        assertThat(store().leaderTryAcquire("scheduler", "node-a", now(), until.plusSeconds(30)))
                .isTrue();
        assertThat(store().leaderTryAcquire("reaper", "node-b", now(), until)).isTrue();
    }

    @Test
    void another_holder_takes_over_once_the_lease_expired() {
        store().leaderTryAcquire("scheduler", "node-a", now(), now().plusSeconds(30));
        clock().advance(Duration.ofSeconds(31));

        assertThat(store().leaderTryAcquire("scheduler", "node-b", now(), now().plusSeconds(30)))
                .isTrue();
        assertThat(store().leaderTryAcquire("scheduler", "node-a", now(), now().plusSeconds(30)))
                .isFalse();
    }

    @Test
    void release_frees_leadership_only_for_its_holder() {
        store().leaderTryAcquire("scheduler", "node-a", now(), now().plusSeconds(30));

        store().leaderRelease("scheduler", "node-b");
        assertThat(store().leaderTryAcquire("scheduler", "node-b", now(), now().plusSeconds(30)))
                .isFalse();

        store().leaderRelease("scheduler", "node-a");
        assertThat(store().leaderTryAcquire("scheduler", "node-b", now(), now().plusSeconds(30)))
                .isTrue();
    }

    @Test
    void exactly_one_of_many_racing_holders_wins() throws Exception {
        int racers = 8;
        for (int round = 0; round < 5; round++) {
            String name = "duty-" + round;
            CyclicBarrier start = new CyclicBarrier(racers);
            List<Callable<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                String holder = "node-" + i;
                calls.add(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return store().leaderTryAcquire(name, holder, now(), now().plusSeconds(30));
                });
            }
            int winners = 0;
            try (ExecutorService pool = Executors.newFixedThreadPool(racers)) {
                for (Future<Boolean> f : pool.invokeAll(calls, 60, TimeUnit.SECONDS)) {
                    winners += f.get() ? 1 : 0;
                }
            }
            assertThat(winners).as("round %s", round).isEqualTo(1);
        }
    }
}
