package io.taskforge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskforge.store.AttemptOutcome;
import io.taskforge.task.Tag;
import io.taskforge.task.Task;
import io.taskforge.task.TaskError;
import io.taskforge.task.TaskLogLine;
import io.taskforge.task.TaskQuery;
import io.taskforge.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Retention: old finished tasks go for good, with everything that hangs off them; nothing else does. */
abstract class RetentionContract extends StoreContractSupport {

    RetentionContract(TaskStoreContract contract) {
        super(contract);
    }

    private Task succeeded(String tag) {
        Task t = insert(task().withQueue("ret").withTags(tag));
        Task running = claimOnly(t);
        store().taskLogAppendMany(List.of(new TaskLogLine(0, t.id(), 1, now(), TaskLogLine.STDOUT, "hello")));
        assertThat(apply(AttemptOutcome.succeeded(t.id(), running.attempt(), WORKER, "{\"ok\":true}", now())))
                .isTrue();
        return get(t);
    }

    private Task failed() {
        Task t = insert(task().withQueue("ret").withMaxAttempts(1));
        Task running = claimOnly(t);
        assertThat(apply(AttemptOutcome.failed(t.id(), running.attempt(), WORKER, TaskError.of("X", "y"), now())))
                .isTrue();
        return get(t);
    }

    private boolean gone(Task t) {
        return store().taskGet(t.id()).isEmpty()
                && store().taskEventList(t.id()).isEmpty()
                && store().taskLogList(t.id(), 0, 10).items().isEmpty();
    }

    @Test
    void removes_succeeded_and_cancelled_tasks_older_than_the_cutoff_with_events_logs_and_tags() {
        Task old = succeeded("old");
        Task cancelled = store().taskCancel(insert(task().withQueue("other")).id(), now(), "alice")
                .orElseThrow();
        clock().advance(Duration.ofDays(2));
        Task recent = succeeded("recent");
        assertThat(store().taskEventList(old.id())).isNotEmpty();

        int removed = store().taskPurgeFinished(now().minus(Duration.ofDays(1)), null, 100);

        assertThat(removed).isEqualTo(2);
        assertThat(gone(old)).isTrue();
        assertThat(gone(cancelled)).isTrue();
        assertThat(get(recent).status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(store().taskLogList(recent.id(), 0, 10).items()).hasSize(1);
        assertThat(store().taskList(TaskQuery.builder().tags(List.of("old")).build())
                        .items())
                .isEmpty();
        assertThat(store().tagList(TENANT))
                .filteredOn(tag -> tag.name().equals("old"))
                .extracting(Tag::taskCount)
                .containsOnly(0L);
        assertThat(store().taskPurgeFinished(now().minus(Duration.ofDays(1)), null, 100))
                .isZero();
    }

    @Test
    void failed_tasks_follow_their_own_cutoff_and_null_keeps_them() {
        Task deadLetter = failed();
        clock().advance(Duration.ofDays(10));

        assertThat(store().taskPurgeFinished(now().minus(Duration.ofDays(1)), null, 100))
                .isZero();
        assertThat(store().taskPurgeFinished(now().minus(Duration.ofDays(1)), now().minus(Duration.ofDays(30)), 100))
                .isZero();
        assertThat(get(deadLetter).status()).isEqualTo(TaskStatus.FAILED);

        assertThat(store().taskPurgeFinished(null, now().minus(Duration.ofDays(5)), 100))
                .isEqualTo(1);
        assertThat(gone(deadLetter)).isTrue();
    }

    @Test
    void never_removes_a_task_that_is_not_finished() {
        Task queued = insert(task().withQueue("q1"));
        Task running = claimOnly(insert(task().withQueue("q2")));
        Task scheduled =
                insert(task().withQueue("q3").withStatus(TaskStatus.SCHEDULED).withRunAt(now().plusSeconds(60)));
        clock().advance(Duration.ofDays(400));
        Instant everything = now().plus(Duration.ofDays(1));

        assertThat(store().taskPurgeFinished(everything, everything, 100)).isZero();

        assertThat(get(queued).status()).isEqualTo(TaskStatus.QUEUED);
        assertThat(get(running).status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(get(scheduled).status()).isEqualTo(TaskStatus.SCHEDULED);
    }

    @Test
    void deleted_tasks_go_once_their_deletion_is_older_than_the_cutoff() {
        Task deleted = insert(task().withQueue("del"));
        store().taskDelete(deleted.id(), false, now(), "alice").orElseThrow();
        clock().advance(Duration.ofHours(1));

        assertThat(store().taskPurgeFinished(now().minus(Duration.ofDays(1)), null, 100))
                .isZero();
        clock().advance(Duration.ofDays(1));
        assertThat(store().taskPurgeFinished(now().minus(Duration.ofDays(1)), null, 100))
                .isEqualTo(1);
        assertThat(store().taskEventList(deleted.id())).isEmpty();
    }

    @Test
    void removes_at_most_the_limit_oldest_first() {
        Task first = succeeded("a");
        clock().advance(Duration.ofMinutes(1));
        Task second = succeeded("a");
        clock().advance(Duration.ofMinutes(1));
        Task third = succeeded("a");
        clock().advance(Duration.ofDays(1));

        assertThat(store().taskPurgeFinished(now(), now(), 2)).isEqualTo(2);

        assertThat(gone(first)).isTrue();
        assertThat(gone(second)).isTrue();
        assertThat(get(third).status()).isEqualTo(TaskStatus.SUCCEEDED);
    }
}
