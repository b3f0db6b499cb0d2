package io.taskforge.server.task;

import io.taskforge.task.TaskLogLine;
import java.time.Instant;

/** One task log line; {@code seq} orders the lines of a task and is what {@code after} resumes from. */
public record LogLineResponse(long seq, Instant at, int attempt, String stream, String line) {
    public static LogLineResponse of(TaskLogLine l) {
        return new LogLineResponse(l.seq(), l.at(), l.attempt(), l.stream(), l.line());
    }
}
