package io.taskforge.remote;

import java.time.Instant;

/**
 * The answer to a heartbeat: the lease now runs until {@code leaseUntil}, and whether someone asked
 * for the task to stop (the worker then stops its handler and reports a failure, which ends the
 * attempt CANCELLED).
 */
public record LeaseState(String taskId, int attempt, boolean cancelRequested, Instant leaseUntil) {}
