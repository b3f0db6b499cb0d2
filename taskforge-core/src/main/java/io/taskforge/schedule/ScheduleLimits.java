package io.taskforge.schedule;

/** Bounds on schedule fields, checked before anything is written. */
public final class ScheduleLimits {
    private ScheduleLimits() {}

    public static final int MAX_NAME_CHARS = 100;
    public static final int MAX_CRON_CHARS = 200;

    /** One year: a longer interval is a cron expression. */
    public static final int MAX_INTERVAL_SECONDS = 366 * 24 * 3600;

    public static final int DEFAULT_MISFIRE_LIMIT = 10;
    public static final int MAX_MISFIRE_LIMIT = 1_000;

    /** Parameters of a script or pipeline run; the task payload bound applies to templates. */
    public static final int MAX_PARAMS_BYTES = 64 * 1024;

    public static final int DEFAULT_LIST_LIMIT = 50;
    public static final int MAX_LIST_LIMIT = 200;

    /** How many upcoming slots a schedule's view shows. */
    public static final int NEXT_FIRE_TIMES = 5;
}
