package io.taskforge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskforge.store.AttemptOutcome;
import io.taskforge.store.TaskChange;
import io.taskforge.store.TaskChangePage;
import io.taskforge.task.Task;
import io.taskforge.task.TaskPatch;
import io.taskforge.task.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** taskEventLatestId and taskChangesAfter: the status changes of all tasks, in event order. */
abstract class ChangeFeedContract extends StoreContractSupport {

    ChangeFeedContract(TaskStoreContract contract) {
        super(contract);
    }

    private record Seen(String taskId, TaskStatus from, TaskStatus to) {}

    private static List<Seen> seen(List<TaskChange> changes) {
        return changes.stream()
                .map(c -> new Seen(c.task().id(), c.fromStatus(), c.toStatus()))
                .toList();
    }

    @Test
    void the_latest_event_id_is_zero_at_first_and_grows_with_every_event() {
        assertThat(store().taskEventLatestId()).isZero();

        Task t = insert(task());
        long afterInsert = store().taskEventLatestId();
        store().taskUpdate(t.id(), new TaskPatch("renamed", null, null, null), now(), "test");

        assertThat(afterInsert).isPositive();
        assertThat(store().taskEventLatestId()).isGreaterThan(afterInsert);
    }

    @Test
    void reports_each_status_change_in_order_with_the_task_as_it_is_now() {
        long start = store().taskEventLatestId();
        Task t = insert(task().withQueue("feed"));
        claimOnly(t);
        clock().advance(Duration.ofSeconds(2));
        apply(AttemptOutcome.succeeded(t.id(), 1, WORKER, "{\"ok\":true}", now()));

        TaskChangePage page = store().taskChangesAfter(start, 100);

        assertThat(seen(page.changes()))
                .containsExactly(
                        new Seen(t.id(), null, TaskStatus.QUEUED),
                        new Seen(t.id(), TaskStatus.QUEUED, TaskStatus.RUNNING),
                        new Seen(t.id(), TaskStatus.RUNNING, TaskStatus.SUCCEEDED));
        assertThat(page.changes()).extracting(TaskChange::eventId).isSorted().doesNotHaveDuplicates();
        assertThat(page.changes()).allSatisfy(c -> assertThat(c.task().status()).isEqualTo(TaskStatus.SUCCEEDED));
        assertThat(page.changes().getLast().at()).isEqualTo(now());
        assertThat(page.nextAfter()).isEqualTo(store().taskEventLatestId());
        assertThat(page.gap()).isNull();
    }

    @Test
    void events_that_change_no_status_move_the_position_on_but_are_not_reported() {
        Task t = insert(task().withQueue("feed"));
        long start = store().taskEventLatestId();
        store().taskUpdate(t.id(), new TaskPatch("renamed", null, null, null), now(), "test");

        TaskChangePage page = store().taskChangesAfter(start, 100);

        assertThat(page.changes()).isEmpty();
        assertThat(page.nextAfter()).isGreaterThan(start).isEqualTo(store().taskEventLatestId());
    }

    @Test
    void a_page_examines_at_most_limit_events_and_the_next_one_continues_after_it() {
        long start = store().taskEventLatestId();
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tasks.add(insert(task().withQueue("feed")));
        }
        store().taskUpdate(tasks.get(2).id(), new TaskPatch("renamed", null, null, null), now(), "test");

        List<TaskChange> read = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        long after = start;
        for (int round = 0; round < 10; round++) {
            TaskChangePage page = store().taskChangesAfter(after, 2);
            if (page.nextAfter() == after) {
                assertThat(page.changes()).isEmpty();
                break;
            }
            read.addAll(page.changes());
            sizes.add(page.changes().size());
            after = page.nextAfter();
        }

        assertThat(sizes).containsExactly(2, 2, 1);
        assertThat(read).extracting(c -> c.task().id()).containsExactlyElementsOf(ids(tasks));
        assertThat(after).isEqualTo(store().taskEventLatestId());
    }

    @Test
    void deleted_tasks_are_left_out() {
        long start = store().taskEventLatestId();
        Task kept = insert(task().withQueue("feed"));
        Task gone = insert(task().withQueue("feed"));
        store().taskCancel(gone.id(), now(), "test");
        store().taskDelete(gone.id(), false, now(), "test");

        TaskChangePage page = store().taskChangesAfter(start, 100);

        assertThat(seen(page.changes())).containsExactly(new Seen(kept.id(), null, TaskStatus.QUEUED));
        assertThat(page.nextAfter()).isEqualTo(store().taskEventLatestId());
    }

    @Test
    void cancels_and_retries_are_status_changes() {
        Task t = insert(task().withQueue("feed"));
        long start = store().taskEventLatestId();
        store().taskCancel(t.id(), now(), "test");
        store().taskRetry(t.id(), now(), "test");

        TaskChangePage page = store().taskChangesAfter(start, 100);

        assertThat(seen(page.changes()))
                .containsExactly(
                        new Seen(t.id(), TaskStatus.QUEUED, TaskStatus.CANCELLED),
                        new Seen(t.id(), TaskStatus.CANCELLED, TaskStatus.QUEUED));
    }

    @Test
    void nothing_new_answers_an_empty_page_at_the_same_position() {
        insert(task().withQueue("feed"));
        long latest = store().taskEventLatestId();

        TaskChangePage page = store().taskChangesAfter(latest, 100);

        assertThat(page).isEqualTo(new TaskChangePage(List.of(), latest, null));
        assertThat(store().taskChangesAfter(latest, 0)).isEqualTo(new TaskChangePage(List.of(), latest, null));
    }
}
