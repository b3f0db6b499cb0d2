package io.taskforge.store;

import io.taskforge.task.TaskError;
import io.taskforge.task.TaskStatus;
import java.time.Instant;

/**
 * How one attempt ended, as reported by the worker that ran it. It applies only while the task is
 * still RUNNING the same {@code attempt} for the same {@code workerId}; otherwise (the lease was
 * lost and the task rescued, cancelled, or claimed again) it changes nothing.
 *
 * <ul>
 *   <li>{@code SUCCEEDED}: {@code result} (JSON text or null) is stored, {@code finishedAt = now}.
 *   <li>{@code RETRYING}: the attempt failed with {@code error}; the task waits until {@code runAt}.
 *   <li>{@code FAILED}: dead-lettered with {@code error}, {@code finishedAt = now}.
 *   <li>{@code CANCELLED}: the handler stopped on a cancel request, {@code finishedAt = now}.
 *   <li>{@code QUEUED}: released unfinished by a stopping worker; the attempt is given back
 *       ({@code attempt - 1}) and the task is ready again at once.
 * </ul>
 *
 * Each applied outcome appends one {@link io.taskforge.task.TaskEvent} carrying {@code error} and
 * {@code message}.
 */
public record AttemptOutcome(
        String taskId,
        int attempt,
        String workerId,
        TaskStatus status,
        String result,
        TaskError error,
        Instant runAt,
        Instant now,
        String message) {

    public AttemptOutcome {
        switch (status) {
            case SUCCEEDED, FAILED, CANCELLED, QUEUED -> {}
            case RETRYING -> {
                if (runAt == null) {
                    throw new IllegalArgumentException("RETRYING needs runAt");
                }
            }
            default -> throw new IllegalArgumentException("not an attempt outcome: " + status);
        }
    }

    public static AttemptOutcome succeeded(String taskId, int attempt, String workerId, String result, Instant now) {
        return new AttemptOutcome(taskId, attempt, workerId, TaskStatus.SUCCEEDED, result, null, null, now, null);
    }

    public static AttemptOutcome retrying(
            String taskId, int attempt, String workerId, TaskError error, Instant runAt, Instant now) {
        return new AttemptOutcome(taskId, attempt, workerId, TaskStatus.RETRYING, null, error, runAt, now, null);
    }

    public static AttemptOutcome failed(String taskId, int attempt, String workerId, TaskError error, Instant now) {
        return new AttemptOutcome(taskId, attempt, workerId, TaskStatus.FAILED, null, error, null, now, null);
    }

    public static AttemptOutcome cancelled(String taskId, int attempt, String workerId, Instant now) {
        return new AttemptOutcome(
                taskId, attempt, workerId, TaskStatus.CANCELLED, null, null, null, now, "cancelled while running");
    }

    public static AttemptOutcome released(String taskId, int attempt, String workerId, Instant now, String why) {
        return new AttemptOutcome(taskId, attempt, workerId, TaskStatus.QUEUED, null, null, null, now, why);
    }
}
