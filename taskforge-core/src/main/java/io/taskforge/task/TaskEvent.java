package io.taskforge.task;

import java.time.Instant;

/**
 * One entry of a task's append-only history: a transition, an attempt's error, or a change made by
 * someone. {@code fromStatus}/{@code toStatus} are null for events that change no status.
 */
public record TaskEvent(
        String taskId,
        Instant at,
        TaskEventType type,
        TaskStatus fromStatus,
        TaskStatus toStatus,
        int attempt,
        String message,
        TaskError error,
        String actor) {}
