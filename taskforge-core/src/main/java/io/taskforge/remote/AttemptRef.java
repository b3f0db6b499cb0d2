package io.taskforge.remote;

/**
 * Which attempt a report belongs to: the task, the worker that claimed it, and the {@code attempt}
 * number the claim handed out. A report applies only while exactly that attempt is RUNNING for
 * exactly that worker.
 */
public record AttemptRef(String taskId, String workerId, Integer attempt) {}
