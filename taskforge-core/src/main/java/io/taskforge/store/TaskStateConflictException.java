package io.taskforge.store;

import io.taskforge.task.Task;

/** The task is not in a state that allows the operation (cancel a finished task, retry a running one). */
public class TaskStateConflictException extends RuntimeException {
    private final transient Task task;

    public TaskStateConflictException(Task task, String message) {
        super(message);
        this.task = task;
    }

    /** The task as it is now. */
    public Task task() {
        return task;
    }
}
