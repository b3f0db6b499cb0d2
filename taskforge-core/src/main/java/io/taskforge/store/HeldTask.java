package io.taskforge.store;

/** A running task whose lease a worker still holds, and whether someone asked to cancel it. */
public record HeldTask(String taskId, int attempt, boolean cancelRequested) {}
