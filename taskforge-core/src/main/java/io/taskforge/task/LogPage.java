package io.taskforge.task;

import java.util.List;

/** One page of log lines; pass {@code nextAfter} as {@code after} to read on. */
public record LogPage(List<TaskLogLine> items, long nextAfter) {
    public LogPage {
        items = List.copyOf(items);
    }
}
