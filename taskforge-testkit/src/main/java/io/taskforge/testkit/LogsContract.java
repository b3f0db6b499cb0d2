package io.taskforge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskforge.task.LogPage;
import io.taskforge.task.Task;
import io.taskforge.task.TaskLogLine;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Task log lines: appended in batches with increasing seq, read in pages. */
abstract class LogsContract extends StoreContractSupport {

    LogsContract(TaskStoreContract contract) {
        super(contract);
    }

    private TaskLogLine line(Task t, String text) {
        return new TaskLogLine(0, t.id(), 1, now(), TaskLogLine.STDOUT, text);
    }

    @Test
    void pages_through_lines_in_order_with_increasing_seq() {
        Task t = insert(task());
        store().taskLogAppendMany(IntStream.range(0, 25)
                .mapToObj(i -> line(t, "line " + i))
                .toList());

        List<TaskLogLine> read = new ArrayList<>();
        long after = 0;
        for (int page = 0; page < 10; page++) {
            LogPage p = store().taskLogList(t.id(), after, 10);
            if (p.items().isEmpty()) {
                assertThat(p.nextAfter()).isEqualTo(after);
                break;
            }
            read.addAll(p.items());
            after = p.nextAfter();
        }

        assertThat(read)
                .extracting(TaskLogLine::line)
                .containsExactlyElementsOf(
                        IntStream.range(0, 25).mapToObj(i -> "line " + i).toList());
        assertThat(read).extracting(TaskLogLine::seq).isSorted().doesNotHaveDuplicates();
        assertThat(read.getFirst())
                .isEqualTo(new TaskLogLine(read.getFirst().seq(), t.id(), 1, now(), "stdout", "line 0"));
    }

    @Test
    void keeps_lines_of_each_task_apart_and_seq_increasing_across_batches() {
        Task a = insert(task());
        Task b = insert(task());
        store().taskLogAppendMany(List.of(line(a, "a1"), line(b, "b1"), line(a, "a2")));
        store().taskLogAppendMany(List.of(line(b, "b2"), line(a, "a3")));

        LogPage pageA = store().taskLogList(a.id(), 0, 100);

        assertThat(pageA.items()).extracting(TaskLogLine::line).containsExactly("a1", "a2", "a3");
        assertThat(pageA.items()).extracting(TaskLogLine::seq).isSorted();
        assertThat(pageA.nextAfter()).isEqualTo(pageA.items().getLast().seq());
        assertThat(store().taskLogList(b.id(), 0, 100).items())
                .extracting(TaskLogLine::line)
                .containsExactly("b1", "b2");
    }

    @Test
    void cuts_runaway_lines_and_drops_lines_of_unknown_tasks() {
        Task t = insert(task());
        String huge = "x".repeat(TaskLogLine.MAX_LINE_CHARS * 2);

        store().taskLogAppendMany(List.of(
                line(t, huge),
                new TaskLogLine(0, "junk", 1, now(), "stdout", "dropped"),
                line(task().build(), "unknown task")));

        List<TaskLogLine> lines = store().taskLogList(t.id(), 0, 10).items();
        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst().line()).hasSizeLessThanOrEqualTo(TaskLogLine.MAX_LINE_CHARS);
    }

    @Test
    void an_empty_task_log_reads_as_an_empty_page() {
        Task t = insert(task());

        assertThat(store().taskLogList(t.id(), 0, 10)).isEqualTo(new LogPage(List.of(), 0));
        assertThat(store().taskLogList(t.id(), 42, 10).nextAfter()).isEqualTo(42);
    }
}
