package io.taskforge.store;

/**
 * Hears about changes that a worker should react to at once. Called after the change committed,
 * on a store thread: implementations must return quickly and must not throw.
 */
public interface StoreListener {
    /** Tasks became ready in {@code queue}. */
    void taskQueued(String queue);

    /** Someone asked to cancel the RUNNING task {@code taskId}. */
    void cancelRequested(String taskId);
}
