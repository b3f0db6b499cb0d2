package io.taskforge.schedule;

import io.taskforge.task.Priority;
import java.util.List;

/**
 * A task template: each fire submits a task with these fields (null takes the task defaults).
 * {@code payload} is JSON text.
 */
public record TaskTarget(
        String type,
        String title,
        String payload,
        String queue,
        Priority priority,
        List<String> tags,
        Integer maxAttempts,
        Integer timeoutSeconds)
        implements ScheduleTarget {

    public static final String KIND = "task";

    public TaskTarget {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    @Override
    public String kind() {
        return KIND;
    }
}
