package io.taskforge.store;

import io.taskforge.task.Task;

/** A task as stored by an insert; {@code created} is false when an idempotency key returned an earlier task. */
public record Inserted(Task task, boolean created) {}
