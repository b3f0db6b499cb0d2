package io.taskforge.server.task;

import io.swagger.v3.oas.annotations.media.Schema;
import io.taskforge.task.TaskLogLine;
import java.time.Instant;

/** One task log line; {@code seq} orders the lines of a task and is what {@code after} resumes from. */
@Schema(name = "LogLineResponse", description = "One log line of a task.")
public record LogLineResponse(
        @Schema(description = "increases with every line of the task; resume with `after`", example = "17")
        long seq,

        Instant at,

        @Schema(description = "the attempt that wrote it", example = "1")
        int attempt,

        @Schema(
                allowableValues = {"stdout", "stderr", "system"},
                example = "stdout")
        String stream,

        @Schema(example = "exported 1200 rows") String line) {
    public static LogLineResponse of(TaskLogLine l) {
        return new LogLineResponse(l.seq(), l.at(), l.attempt(), l.stream(), l.line());
    }
}
