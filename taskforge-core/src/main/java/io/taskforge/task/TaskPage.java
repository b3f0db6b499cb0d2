package io.taskforge.task;

import java.util.List;

/** One page of a task list; {@code nextCursor} is null on the last page, {@code total} null unless asked for. */
public record TaskPage(List<Task> items, String nextCursor, Long total) {
    public TaskPage {
        items = List.copyOf(items);
    }
}
