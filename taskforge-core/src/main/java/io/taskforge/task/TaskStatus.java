package io.taskforge.task;

/**
 * Where a task is in its life.
 *
 * <pre>
 *   PENDING ─(upstream steps done)─┐
 *   SCHEDULED ─(runAt reached)─────┼─► QUEUED ─► RUNNING ─► SUCCEEDED
 *   RETRYING ─(backoff over)───────┘      ▲          │
 *                                         │          ├─► RETRYING (attempts left)
 *                       retry / release ──┘          ├─► FAILED   (dead letter, replayable)
 *                                                    └─► CANCELLED
 * </pre>
 */
public enum TaskStatus {
    /** A pipeline step waiting for its upstream steps; never claimed. */
    PENDING,
    /** Waiting for its {@code runAt}. */
    SCHEDULED,
    /** Ready to be claimed. */
    QUEUED,
    /** Claimed by a worker that holds a lease on it. */
    RUNNING,
    /** An attempt failed; waiting for its backoff before it is queued again. */
    RETRYING,
    SUCCEEDED,
    /** Attempts exhausted or a non-retryable error: the dead-letter state. */
    FAILED,
    CANCELLED;

    /** True for the states a task never leaves on its own. */
    public boolean isFinished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /** True for the states a cancel finishes at once, without a worker's help. */
    public boolean isWaiting() {
        return this == PENDING || this == SCHEDULED || this == QUEUED || this == RETRYING;
    }
}
