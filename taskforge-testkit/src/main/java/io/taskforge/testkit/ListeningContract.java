package io.taskforge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskforge.store.AttemptOutcome;
import io.taskforge.store.StoreListener;
import io.taskforge.task.Task;
import io.taskforge.task.TaskStatus;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * subscribe: listeners hear, after the commit, about queues that got ready tasks and running
 * tasks someone asked to stop. A store may deliver on another thread and may repeat itself, so
 * these tests wait (bounded) and check what was heard, not how often.
 */
abstract class ListeningContract extends StoreContractSupport {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final RecordingListener heard = new RecordingListener();
    private AutoCloseable subscription;

    ListeningContract(TaskStoreContract contract) {
        super(contract);
    }

    @BeforeEach
    void subscribe() {
        subscription = store().subscribe(heard);
    }

    @AfterEach
    void unsubscribe() throws Exception {
        subscription.close();
    }

    @Test
    void hears_the_queues_of_new_ready_tasks_but_not_of_scheduled_ones() {
        insert(task().withQueue("mail").build(), task().withQueue("reports").build());
        insert(task().withQueue("later").withStatus(TaskStatus.SCHEDULED).withRunAt(now().plusSeconds(60)));
        insert(task().withQueue("marker"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(heard.queued()).contains("mail", "reports", "marker"));
        assertThat(heard.queued()).doesNotContain("later");
    }

    @Test
    void hears_promoted_retried_released_and_rescued_tasks() {
        insert(task().withQueue("promoted").withStatus(TaskStatus.SCHEDULED).withRunAt(now()));
        store().taskPromoteDue(now(), 10);
        await().atMost(WAIT).untilAsserted(() -> assertThat(heard.queued()).contains("promoted"));

        Task failed = insert(task().withQueue("retried"));
        claimOnly(failed);
        apply(AttemptOutcome.failed(failed.id(), 1, WORKER, null, now()));
        heard.clear();
        store().taskRetry(failed.id(), now(), "erin");
        await().atMost(WAIT).untilAsserted(() -> assertThat(heard.queued()).contains("retried"));

        Task released = insert(task().withQueue("released"));
        claimOnly(released);
        heard.clear();
        apply(AttemptOutcome.released(released.id(), 1, WORKER, now(), "stopping"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(heard.queued()).contains("released"));

        Task lost = insert(task().withQueue("rescued"));
        claimOnly(lost);
        heard.clear();
        clock().advance(LEASE.plusSeconds(1));
        store().taskRescueExpired(now(), 10);
        await().atMost(WAIT).untilAsserted(() -> assertThat(heard.queued()).contains("rescued"));
    }

    @Test
    void hears_cancel_requests_for_running_tasks() {
        Task cancelled = insert(task().withQueue("c1"));
        claimOnly(cancelled);
        Task deleted = insert(task().withQueue("c2"));
        claimOnly(deleted);

        store().taskCancel(cancelled.id(), now(), "carol");
        store().taskDelete(deleted.id(), true, now(), "carol");

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(heard.cancelRequests()).contains(cancelled.id(), deleted.id()));
    }

    @Test
    void a_closed_subscription_hears_nothing_more() throws Exception {
        RecordingListener other = new RecordingListener();
        AutoCloseable otherSubscription = store().subscribe(other);
        try {
            subscription.close();

            insert(task().withQueue("after-close"));

            await().atMost(WAIT).untilAsserted(() -> assertThat(other.queued()).contains("after-close"));
            assertThat(heard.queued()).doesNotContain("after-close");
        } finally {
            otherSubscription.close();
        }
    }

    @Test
    void a_failing_listener_neither_fails_the_write_nor_silences_the_others() throws Exception {
        StoreListener broken = new StoreListener() {
            @Override
            public void taskQueued(String queue) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void cancelRequested(String taskId) {
                throw new IllegalStateException("listener bug");
            }
        };
        AutoCloseable brokenSubscription = store().subscribe(broken);
        try {
            Task t = insert(task().withQueue("still-heard"));

            assertThat(store().taskGet(t.id())).isPresent();
            await().atMost(WAIT).untilAsserted(() -> assertThat(heard.queued()).contains("still-heard"));
        } finally {
            brokenSubscription.close();
        }
    }
}
