package io.taskforge.store;

public enum WorkerStatus {
    ACTIVE,
    /** Missed its heartbeats: presumed dead; its tasks are rescued once their leases run out. */
    LOST,
    /** Shut down cleanly. */
    STOPPED
}
