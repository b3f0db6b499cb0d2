package io.taskforge.task;

/** What a {@link TaskEvent} records. Serialised in lower case ({@code attempt_failed}). */
public enum TaskEventType {
    CREATED,
    /** SCHEDULED or RETRYING became QUEUED because its time came. */
    QUEUED,
    STARTED,
    SUCCEEDED,
    /** An attempt failed and the task will be tried again after a backoff. */
    ATTEMPT_FAILED,
    /** The last attempt failed, or the error was not retryable: the task is dead-lettered. */
    FAILED,
    CANCEL_REQUESTED,
    CANCELLED,
    /** The worker's lease ran out (it died or lost the database); the task was taken back. */
    LEASE_EXPIRED,
    /** A stopping worker gave the task back unfinished, without using up an attempt. */
    RELEASED,
    /** Someone put a FAILED or CANCELLED task back in its queue. */
    RETRIED,
    UPDATED,
    DELETED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static TaskEventType ofWireName(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
