package io.taskforge.server.cli.client;

/**
 * The exit codes of every {@code taskforge} command, so scripts can tell what happened without
 * reading messages. A started server or worker runs until it is stopped; these are for the rest.
 *
 * <pre>
 *   0  done (with --wait: the task SUCCEEDED)
 *   1  with --wait: the task FAILED
 *   2  bad usage or bad input (an unknown option, invalid JSON, a file that cannot be read): nothing was sent
 *   3  the server (or, for migrate and backup, the database) cannot be reached
 *   4  the server refused the request (4xx or 5xx); its problem details are printed
 *   5  with --wait: the task was CANCELLED or deleted
 *   6  with --wait: --wait-timeout passed before the task finished (it goes on running)
 *   7  a local operation failed (a backup or migration error, pg_dump missing or failing)
 *  70  a bug in taskforge itself
 * </pre>
 */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int TASK_FAILED = 1;
    public static final int USAGE = 2;
    public static final int UNREACHABLE = 3;
    public static final int API_ERROR = 4;
    public static final int TASK_CANCELLED = 5;
    public static final int WAIT_TIMEOUT = 6;
    public static final int FAILED = 7;
    public static final int INTERNAL = 70;

    private ExitCodes() {}
}
