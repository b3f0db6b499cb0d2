package io.taskforge.engine;

/** Why the engine interrupted a running attempt; decides what the attempt reports. */
enum StopReason {
    /** Someone cancelled the task: report CANCELLED at once. */
    CANCEL,
    /** The attempt ran past its timeout: report a retryable Timeout failure at once. */
    TIMEOUT,
    /** The lease was taken back (rescued, deleted): report nothing, the task is no longer ours. */
    LEASE_LOST,
    /** The worker is stopping and the grace period is over: give the task back unfinished. */
    SHUTDOWN
}
