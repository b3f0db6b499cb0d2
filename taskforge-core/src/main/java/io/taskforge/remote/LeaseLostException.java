package io.taskforge.remote;

import io.taskforge.task.Task;
import io.taskforge.task.TaskStatus;

/**
 * A report for an attempt the worker no longer holds: the lease expired and the task was rescued
 * (and perhaps claimed again), it was cancelled or deleted, the attempt already ended, or it never
 * was this worker's. Nothing was changed; the worker should stop working on the task.
 */
public class LeaseLostException extends RuntimeException {
    private final String taskId;
    private final int attempt;
    private final String workerId;
    private final transient Task current;

    public LeaseLostException(String taskId, int attempt, String workerId, Task current) {
        super(message(taskId, attempt, workerId, current));
        this.taskId = taskId;
        this.attempt = attempt;
        this.workerId = workerId;
        this.current = current;
    }

    public String taskId() {
        return taskId;
    }

    public int attempt() {
        return attempt;
    }

    public String workerId() {
        return workerId;
    }

    /** The task as it is now; null when there is none (deleted, or never existed). */
    public Task current() {
        return current;
    }

    private static String message(String taskId, int attempt, String workerId, Task t) {
        String what = "worker '" + workerId + "' does not hold attempt " + attempt + " of task " + taskId;
        if (t == null) {
            return what + ": there is no such task (it may have been deleted)";
        }
        String now = "the task is " + t.status() + " at attempt " + t.attempt();
        if (t.workerId() != null && t.status() == TaskStatus.RUNNING) {
            now += " on worker '" + t.workerId() + "'";
        }
        return what + "; " + now + ". Nothing was changed; stop working on it";
    }
}
