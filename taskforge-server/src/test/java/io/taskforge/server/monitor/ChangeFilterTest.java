package io.taskforge.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskforge.client.TaskValidationException;
import io.taskforge.server.problem.InvalidRequestException;
import io.taskforge.store.TaskChange;
import io.taskforge.task.Task;
import io.taskforge.task.TaskStatus;
import io.taskforge.testkit.TaskFixtures;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeFilterTest {
    private static final Task REPORT = TaskFixtures.aTask()
            .withType("report")
            .withQueue("batch")
            .withTags("etl", "nightly")
            .build();

    private static TaskChange change(Task task, TaskStatus to) {
        return new TaskChange(1, Instant.now(), TaskStatus.RUNNING, to, task);
    }

    private static ChangeFilter filter(String queue, String type, List<String> tags, String status) {
        return ChangeFilter.parse(
                queue == null ? null : List.of(queue),
                type == null ? null : List.of(type),
                tags,
                status == null ? null : List.of(status));
    }

    @Test
    void no_filter_lets_everything_through() {
        assertThat(filter(null, null, null, null)).isEqualTo(ChangeFilter.ALL);
        assertThat(ChangeFilter.ALL.matches(change(REPORT, TaskStatus.SUCCEEDED)))
                .isTrue();
    }

    @Test
    void queue_type_and_status_lists_match_any_value_and_tags_must_all_be_there() {
        assertThat(filter("other, batch", null, null, null).matches(change(REPORT, TaskStatus.QUEUED)))
                .isTrue();
        assertThat(filter("other", null, null, null).matches(change(REPORT, TaskStatus.QUEUED)))
                .isFalse();
        assertThat(filter(null, "email,report", null, null).matches(change(REPORT, TaskStatus.QUEUED)))
                .isTrue();
        assertThat(filter(null, null, List.of("etl", "nightly"), null).matches(change(REPORT, TaskStatus.QUEUED)))
                .isTrue();
        assertThat(filter(null, null, List.of("etl", "weekly"), null).matches(change(REPORT, TaskStatus.QUEUED)))
                .isFalse();
        ChangeFilter completions = filter(null, null, null, "succeeded,FAILED");
        assertThat(completions.matches(change(REPORT, TaskStatus.SUCCEEDED))).isTrue();
        assertThat(completions.matches(change(REPORT, TaskStatus.RUNNING))).isFalse();
    }

    @Test
    void an_unknown_status_is_unreadable_and_long_or_many_values_are_out_of_bounds() {
        assertThatThrownBy(() -> filter(null, null, null, "SUCCEEDED,DONE"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("DONE");
        assertThatThrownBy(() -> filter("q".repeat(65), null, null, null))
                .isInstanceOf(TaskValidationException.class)
                .hasMessageContaining("queue");
        List<String> many =
                java.util.stream.IntStream.range(0, 51).mapToObj(i -> "tag" + i).toList();
        assertThatThrownBy(() -> filter(null, null, many, null)).isInstanceOf(TaskValidationException.class);
    }
}
