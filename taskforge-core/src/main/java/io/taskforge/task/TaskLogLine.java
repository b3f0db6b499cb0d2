package io.taskforge.task;

import java.time.Instant;

/**
 * One line a task wrote. {@code seq} increases with every line stored for the task (across
 * attempts), so readers page and resume with {@code after=seq}. {@code stream} is
 * {@code stdout}, {@code stderr} or {@code system} (lines the engine or a handler logger wrote).
 */
public record TaskLogLine(long seq, String taskId, int attempt, Instant at, String stream, String line) {

    /** Longest line kept; longer lines are cut so one runaway line cannot fill the table. */
    public static final int MAX_LINE_CHARS = 8_192;

    public static final String STDOUT = "stdout";
    public static final String STDERR = "stderr";
    public static final String SYSTEM = "system";
}
