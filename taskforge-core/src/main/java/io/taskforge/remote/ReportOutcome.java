package io.taskforge.remote;

import io.taskforge.task.Task;
import io.taskforge.task.TaskStatus;
import java.time.Instant;

/**
 * What an end-of-attempt report did.
 *
 * @param status how the attempt ended: SUCCEEDED, RETRYING, FAILED (dead-lettered) or CANCELLED
 * @param runAt when the task runs again, for RETRYING; otherwise null
 * @param task the task after the report; null only when it was deleted in the meantime
 */
public record ReportOutcome(TaskStatus status, Instant runAt, Task task) {}
