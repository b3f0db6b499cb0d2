package io.taskforge.remote;

/** Bounds of the remote-worker API; every one is checked before anything is written. */
public final class RemoteLimits {
    private RemoteLimits() {}

    /** Most tasks one claim hands out. */
    public static final int MAX_CLAIM = 100;

    public static final int MIN_LEASE_SECONDS = 5;
    public static final int MAX_LEASE_SECONDS = 3600;
    public static final int DEFAULT_LEASE_SECONDS = 30;

    /** Longest worker id, as for the engine's own workers. */
    public static final int MAX_WORKER_ID_CHARS = 200;

    public static final int MAX_QUEUES = 100;
    public static final int MAX_HOST_CHARS = 255;
    public static final int MAX_CONCURRENCY = 10_000;

    /** Most log lines in one report; longer lines are cut at {@link io.taskforge.task.TaskLogLine#MAX_LINE_CHARS}. */
    public static final int MAX_LOG_LINES = 1000;

    /** Largest result, in UTF-8 bytes of its JSON text: the same bound as a task's payload. */
    public static final int MAX_RESULT_BYTES = 1024 * 1024;

    /** Longest error type; messages and stacks are cut as {@link io.taskforge.task.TaskError} cuts them. */
    public static final int MAX_ERROR_TYPE_CHARS = 200;
}
