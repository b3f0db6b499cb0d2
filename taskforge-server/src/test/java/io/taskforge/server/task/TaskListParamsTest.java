package io.taskforge.server.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskforge.client.FieldError;
import io.taskforge.client.TaskValidationException;
import io.taskforge.server.problem.InvalidRequestException;
import io.taskforge.task.Priority;
import io.taskforge.task.TaskQuery;
import io.taskforge.task.TaskSort;
import io.taskforge.task.TaskStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskListParamsTest {

    static TaskQuery parse(List<String> status, List<String> priority, List<String> tag, String sort, String limit) {
        return TaskListParams.parse(status, priority, tag, null, null, null, null, null, null, sort, limit, null, null);
    }

    @Test
    void nothing_given_means_everything_newest_first_fifty_at_a_time() {
        TaskQuery q = parse(null, null, null, null, null);
        assertThat(q.statuses()).isEmpty();
        assertThat(q.sort()).isEqualTo(TaskSort.CREATED_AT_DESC);
        assertThat(q.limit()).isEqualTo(50);
        assertThat(q.includeTotal()).isFalse();
    }

    @Test
    void comma_lists_and_repeated_parameters_add_up() {
        TaskQuery q =
                parse(List.of("queued,running", "FAILED"), List.of("HIGH"), List.of("a", "b,c", "a"), "-priority", "7");
        assertThat(q.statuses()).containsExactlyInAnyOrder(TaskStatus.QUEUED, TaskStatus.RUNNING, TaskStatus.FAILED);
        assertThat(q.priorities()).containsExactly(Priority.HIGH);
        assertThat(q.tags()).containsExactly("a", "b", "c");
        assertThat(q.sort()).isEqualTo(TaskSort.PRIORITY_DESC);
        assertThat(q.limit()).isEqualTo(7);
    }

    @Test
    void timestamps_may_carry_an_offset_whose_plus_arrived_as_a_space() {
        TaskQuery q = TaskListParams.parse(
                null,
                null,
                null,
                null,
                null,
                null,
                "2026-01-31T12:00:00 02:00",
                "2026-02-01T00:00:00Z",
                null,
                null,
                null,
                null,
                "true");
        assertThat(q.createdAfter()).isEqualTo(Instant.parse("2026-01-31T10:00:00Z"));
        assertThat(q.createdBefore()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
        assertThat(q.includeTotal()).isTrue();
    }

    @Test
    void unreadable_values_are_all_reported_as_400() {
        assertThatThrownBy(() -> parse(List.of("DONE"), List.of("SOON"), null, "name", "ten"))
                .isInstanceOf(InvalidRequestException.class)
                .extracting(e -> ((InvalidRequestException) e)
                        .errors().stream().map(FieldError::field).toList())
                .isEqualTo(List.of("status", "priority", "sort", "limit"));
    }

    @Test
    void values_out_of_bounds_are_422() {
        for (String limit : List.of("0", "501", "-3")) {
            assertThatThrownBy(() -> parse(null, null, null, null, limit))
                    .isInstanceOf(TaskValidationException.class)
                    .hasMessageContaining("limit");
        }
        assertThat(parse(null, null, null, null, "500").limit()).isEqualTo(500);
    }
}
