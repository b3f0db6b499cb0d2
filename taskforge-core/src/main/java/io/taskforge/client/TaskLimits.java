package io.taskforge.client;

import java.util.regex.Pattern;

/** Hard bounds on task fields. Every one is checked before anything is written. */
public final class TaskLimits {
    private TaskLimits() {}

    public static final int MAX_TYPE_CHARS = 100;
    public static final int MAX_TITLE_CHARS = 200;
    public static final int MAX_DESCRIPTION_CHARS = 10_000;
    public static final int MAX_QUEUE_CHARS = 64;
    public static final int MAX_TAGS = 20;
    public static final int MAX_TAG_CHARS = 50;
    public static final int MAX_KEY_CHARS = 200;
    public static final int MAX_ATTEMPTS = 100;
    /** Seven days: longer work should report progress and be split. */
    public static final int MAX_TIMEOUT_SECONDS = 7 * 24 * 3600;
    /** One year ahead at most, which also keeps timestamps far from overflow. */
    public static final long MAX_DELAY_SECONDS = 366L * 24 * 3600;

    /** Task types and queue names: letters, digits and {@code . _ : -}, starting with a letter or digit. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]*");

    /** Tag names may also hold spaces and slashes, as people write them ("team/etl"), and any letter. */
    public static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._:/-]*");

    /** CSS hex colour. */
    public static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
}
