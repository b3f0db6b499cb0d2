package io.taskforge.testkit;

import static io.taskforge.testkit.TaskAssert.assertThatTask;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskforge.store.AttemptOutcome;
import io.taskforge.store.ProgressUpdate;
import io.taskforge.task.Progress;
import io.taskforge.task.Task;
import io.taskforge.task.TaskLogLine;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Log lines and progress reported for one attempt (the remote-worker API): applied only while that
 * attempt is RUNNING for that worker, and the answer says whether they were.
 */
abstract class AttemptReportsContract extends StoreContractSupport {

    AttemptReportsContract(TaskStoreContract contract) {
        super(contract);
    }

    private TaskLogLine line(String stream, String text) {
        // taskId and attempt are the store's to fill in from the call; these must be ignored.
        return new TaskLogLine(99, "ignored", 42, now(), stream, text);
    }

    private List<String> logLines(Task t) {
        return store().taskLogList(t.id(), 0, 100).items().stream()
                .map(TaskLogLine::line)
                .toList();
    }

    private ProgressUpdate progress(Task t, int percent, String message) {
        return new ProgressUpdate(t.id(), 1, new Progress(percent, message), now());
    }

    @Test
    void log_lines_of_the_running_attempt_are_stored_under_that_attempt_in_order() {
        Task t = insert(task());
        claimOnly(t);

        boolean applied = store().taskLogAppendIfRunning(
                        t.id(), 1, WORKER, List.of(line(TaskLogLine.STDOUT, "one"), line(TaskLogLine.STDERR, "two")));

        assertThat(applied).isTrue();
        List<TaskLogLine> lines = store().taskLogList(t.id(), 0, 10).items();
        assertThat(lines).extracting(TaskLogLine::line).containsExactly("one", "two");
        assertThat(lines).extracting(TaskLogLine::stream).containsExactly("stdout", "stderr");
        assertThat(lines).extracting(TaskLogLine::taskId).containsOnly(t.id());
        assertThat(lines).extracting(TaskLogLine::attempt).containsOnly(1);
        assertThat(lines).extracting(TaskLogLine::seq).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void log_lines_are_refused_for_another_attempt_another_worker_or_a_task_not_running() {
        Task running = insert(task());
        claimOnly(running);
        Task queued = insert(task().withQueue("elsewhere"));

        assertThat(store().taskLogAppendIfRunning(running.id(), 2, WORKER, List.of(line("stdout", "wrong attempt"))))
                .isFalse();
        assertThat(store().taskLogAppendIfRunning(
                                running.id(), 1, OTHER_WORKER, List.of(line("stdout", "wrong worker"))))
                .isFalse();
        assertThat(store().taskLogAppendIfRunning(queued.id(), 0, WORKER, List.of(line("stdout", "not running"))))
                .isFalse();
        assertThat(store().taskLogAppendIfRunning("junk", 1, WORKER, List.of(line("stdout", "no such id"))))
                .isFalse();
        assertThat(store().taskLogAppendIfRunning(
                                task().build().id(), 1, WORKER, List.of(line("stdout", "unknown task"))))
                .isFalse();

        assertThat(logLines(running)).isEmpty();
        assertThat(logLines(queued)).isEmpty();
    }

    @Test
    void log_lines_are_refused_once_the_attempt_ended_was_rescued_or_the_task_deleted() {
        Task finished = insert(task().withQueue("a"));
        claim(WORKER, 1, "a");
        apply(AttemptOutcome.succeeded(finished.id(), 1, WORKER, null, now()));
        Task rescued = insert(task().withQueue("b"));
        claim(WORKER, 1, "b");
        Task deleted = insert(task().withQueue("c"));
        claim(WORKER, 1, "c");
        store().taskDelete(deleted.id(), true, now(), "carol");
        clock().advance(LEASE.plusSeconds(1));
        store().taskRescueExpired(now(), 10);

        for (Task t : List.of(finished, rescued, deleted)) {
            assertThat(store().taskLogAppendIfRunning(t.id(), 1, WORKER, List.of(line("stdout", "late"))))
                    .as("late lines for %s", t.id())
                    .isFalse();
        }
        assertThat(logLines(finished)).isEmpty();
        assertThat(logLines(rescued)).isEmpty();
    }

    @Test
    void an_empty_list_of_lines_still_answers_whether_the_attempt_is_held() {
        Task t = insert(task());
        claimOnly(t);

        assertThat(store().taskLogAppendIfRunning(t.id(), 1, WORKER, List.of())).isTrue();
        assertThat(store().taskLogAppendIfRunning(t.id(), 1, OTHER_WORKER, List.of()))
                .isFalse();
        assertThat(logLines(t)).isEmpty();
    }

    @Test
    void runaway_lines_are_cut_and_a_missing_stream_is_system() {
        Task t = insert(task());
        claimOnly(t);
        String huge = "y".repeat(TaskLogLine.MAX_LINE_CHARS + 100);

        store().taskLogAppendIfRunning(t.id(), 1, WORKER, List.of(line(null, huge)));

        TaskLogLine stored = store().taskLogList(t.id(), 0, 10).items().getFirst();
        assertThat(stored.line()).hasSize(TaskLogLine.MAX_LINE_CHARS);
        assertThat(stored.stream()).isEqualTo(TaskLogLine.SYSTEM);
    }

    @Test
    void progress_of_the_running_attempt_is_stored() {
        Task t = insert(task());
        claimOnly(t);
        clock().advance(Duration.ofSeconds(3));

        assertThat(store().taskProgressSetIfRunning(t.id(), 1, WORKER, progress(t, 40, "reading")))
                .isTrue();

        assertThatTask(get(t)).hasProgress(40, "reading");
        assertThat(get(t).updatedAt()).isEqualTo(now());
    }

    @Test
    void progress_is_refused_for_another_attempt_another_worker_or_a_task_not_running() {
        Task running = insert(task());
        claimOnly(running);
        store().taskProgressSetIfRunning(running.id(), 1, WORKER, progress(running, 10, "first"));
        Task queued = insert(task().withQueue("elsewhere"));

        assertThat(store().taskProgressSetIfRunning(running.id(), 2, WORKER, progress(running, 90, "wrong attempt")))
                .isFalse();
        assertThat(store().taskProgressSetIfRunning(
                                running.id(), 1, OTHER_WORKER, progress(running, 90, "wrong worker")))
                .isFalse();
        assertThat(store().taskProgressSetIfRunning(queued.id(), 0, WORKER, progress(queued, 90, "not running")))
                .isFalse();
        assertThat(store().taskProgressSetIfRunning("junk", 1, WORKER, progress(queued, 90, "no such id")))
                .isFalse();

        assertThatTask(get(running)).hasProgress(10, "first");
        assertThatTask(get(queued)).hasNoProgress();
    }

    @Test
    void progress_is_refused_once_the_attempt_ended() {
        Task t = insert(task());
        claimOnly(t);
        store().taskProgressSetIfRunning(t.id(), 1, WORKER, progress(t, 50, "halfway"));
        apply(AttemptOutcome.succeeded(t.id(), 1, WORKER, null, now()));

        assertThat(store().taskProgressSetIfRunning(t.id(), 1, WORKER, progress(t, 99, "late")))
                .isFalse();

        assertThatTask(get(t)).hasProgress(50, "halfway");
    }
}
