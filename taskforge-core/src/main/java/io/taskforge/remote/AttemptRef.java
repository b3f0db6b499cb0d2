package io.taskforge.remote;

/**
 * Which attempt a report belongs to: the task, the worker that claimed it, and the {@code attempt}
 * number the claim handed out. A report applies only while exactly that attempt is RUNNING for
 * exactly that worker. With a {@code tenantId}, a task of any other tenant is answered as a missing
 * one.
 */
public record AttemptRef(String taskId, String workerId, Integer attempt, String tenantId) {

    /** A report that may name a task of any tenant. */
    public AttemptRef(String taskId, String workerId, Integer attempt) {
        this(taskId, workerId, attempt, null);
    }
}
