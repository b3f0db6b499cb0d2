package io.taskforge.testkit;

import static io.taskforge.testkit.TaskAssert.assertThatTask;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskforge.store.AttemptOutcome;
import io.taskforge.store.ClaimParams;
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
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** taskClaim: order, queues, what is never claimed, and claimers racing each other. */
abstract class ClaimingContract extends StoreContractSupport {

    ClaimingContract(TaskStoreContract contract) {
        super(contract);
    }

    @Test
    void claims_highest_priority_first_then_oldest() {
        Task lowOld = insert(task().withPriority(Priority.LOW));
        clock().advance(Duration.ofSeconds(1));
        Task normal = insert(task());
        clock().advance(Duration.ofSeconds(1));
        Task urgentNew = insert(task().withPriority(Priority.URGENT));
        Task highOld = insert(task().withPriority(Priority.HIGH).withRunAt(now().minusSeconds(30)));
        Task highNew = insert(task().withPriority(Priority.HIGH));

        List<Task> claimed = claim(WORKER, 10, "default");

        assertThat(ids(claimed)).containsExactly(urgentNew.id(), highOld.id(), highNew.id(), normal.id(), lowOld.id());
    }

    @Test
    void claims_first_in_first_out_within_one_priority_and_instant() {
        List<Task> tasks =
                insert(IntStream.range(0, 20).mapToObj(i -> task().build()).toArray(Task[]::new));

        List<Task> claimed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            claimed.addAll(claim(WORKER, 5, "default"));
        }

        assertThat(ids(claimed)).containsExactlyElementsOf(ids(tasks));
    }

    @Test
    void claims_at_most_the_free_slots() {
        insert(task().build(), task().build(), task().build());

        assertThat(claim(WORKER, 2, "default")).hasSize(2);
        assertThat(claim(WORKER, 2, "default")).hasSize(1);
        assertThat(claim(WORKER, 2, "default")).isEmpty();
    }

    @Test
    void claims_only_from_the_given_queues() {
        Task mail = insert(task().withQueue("mail"));
        Task reports = insert(task().withQueue("reports"));
        insert(task().withQueue("other"));

        List<Task> claimed = claim(WORKER, 10, "mail", "reports");

        assertThat(ids(claimed)).containsExactlyInAnyOrder(mail.id(), reports.id());
        assertThat(claim(WORKER, 10)).isEmpty();
    }

    @Test
    void never_claims_tasks_that_are_not_queued_or_are_deleted() {
        insert(task().withStatus(TaskStatus.SCHEDULED).withRunAt(now().minusSeconds(1)));
        insert(task().withStatus(TaskStatus.PENDING));
        Task deleted = insert(task());
        store().taskDelete(deleted.id(), false, now(), "alice");
        Task retrying = insert(task());
        claimOnly(retrying);
        apply(AttemptOutcome.retrying(retrying.id(), 1, WORKER, TaskError.of("X", "y"), now(), now()));
        Task cancelled = insert(task());
        store().taskCancel(cancelled.id(), now(), "alice");
        Task running = insert(task());
        claimOnly(running);
        Task succeeded = insert(task());
        claimOnly(succeeded);
        apply(AttemptOutcome.succeeded(succeeded.id(), 1, WORKER, null, now()));

        clock().advance(Duration.ofHours(1));

        assertThat(claim(OTHER_WORKER, 100, "default")).isEmpty();
    }

    @Test
    void a_claimed_task_is_running_for_the_worker_with_a_lease_and_a_started_event() {
        Task t = insert(task().withTags("t1").withProgress(40, "stale"));
        clock().advance(Duration.ofSeconds(3));

        Task claimed = claim(WORKER, 1, "default").getFirst();

        assertThatTask(claimed)
                .hasStatus(TaskStatus.RUNNING)
                .hasAttempt(1)
                .hasWorker(WORKER)
                .hasLeaseUntil(now().plus(LEASE))
                .hasStartedAt(now())
                .hasUpdatedAt(now())
                .hasNoProgress()
                .hasTags("t1");
        assertThat(get(t)).usingRecursiveComparison().isEqualTo(claimed);
        TaskEvent started = lastEvent(t);
        assertThat(started.type()).isEqualTo(TaskEventType.STARTED);
        assertThat(started.fromStatus()).isEqualTo(TaskStatus.QUEUED);
        assertThat(started.toStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(started.attempt()).isEqualTo(1);
        assertThat(started.at()).isEqualTo(now());
    }

    @Test
    void claiming_with_nothing_ready_returns_nothing() {
        assertThat(claim(WORKER, 5, "default")).isEmpty();
    }

    @Test
    void concurrent_claimers_never_get_the_same_task() throws Exception {
        int total = 2000;
        int claimers = 8;
        store().taskInsertMany(IntStream.range(0, total)
                .mapToObj(i -> task().withPriority(Priority.values()[i % 4]).build())
                .toList());
        CyclicBarrier start = new CyclicBarrier(claimers);
        List<Callable<List<String>>> workers = new ArrayList<>();
        for (int w = 0; w < claimers; w++) {
            String workerId = "racer-" + w;
            workers.add(() -> {
                start.await(10, TimeUnit.SECONDS);
                List<String> mine = new ArrayList<>();
                // Bounded: each round takes at least one task unless none is left.
                for (int round = 0; round < total; round++) {
                    List<Task> got = store().taskClaim(new ClaimParams(
                            workerId, List.of("default"), 1 + round % 16, now(), now().plus(LEASE)));
                    if (got.isEmpty()) {
                        break;
                    }
                    got.forEach(t -> mine.add(t.id()));
                }
                return mine;
            });
        }

        List<String> all = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(claimers)) {
            for (Future<List<String>> f : pool.invokeAll(workers, 90, TimeUnit.SECONDS)) {
                all.addAll(f.get());
            }
        }

        Set<String> distinct = new HashSet<>(all);
        assertThat(all).hasSize(total);
        assertThat(distinct).hasSize(total);
        assertThat(claim(WORKER, 10, "default")).isEmpty();
    }
}
