package io.taskforge.store;

import io.taskforge.task.Task;
import io.taskforge.task.TaskStatus;
import java.time.Instant;

/**
 * One status change of a task, as the live event feed reports it.
 *
 * @param eventId the id of the {@link io.taskforge.task.TaskEvent} that recorded it; increasing in
 *     the order the events were recorded
 * @param at when the change happened
 * @param fromStatus the status before; null for a task's creation
 * @param toStatus the status after
 * @param task the task as it is now, which may be later than this change
 */
public record TaskChange(long eventId, Instant at, TaskStatus fromStatus, TaskStatus toStatus, Task task) {}
