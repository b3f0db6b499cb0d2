package io.taskforge.server.task;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Schema;
import io.taskforge.task.Priority;
import io.taskforge.task.Progress;
import io.taskforge.task.Task;
import io.taskforge.task.TaskError;
import io.taskforge.task.TaskStatus;
import java.time.Instant;
import java.util.List;

/**
 * A task as the API shows it (API.md, "Task JSON"). {@code payload} and {@code result} are the stored
 * JSON text written into the response as JSON, not as strings. {@code cancelRequested} is an
 * addition: true while a RUNNING task has been asked to stop.
 */
public record TaskResponse(
        String id,
        String type,
        String title,
        String description,
        String queue,
        Priority priority,
        TaskStatus status,
        List<String> tags,

        @Schema(implementation = Object.class, description = "the task's input, any JSON value") @JsonRawValue
        String payload,

        @Schema(implementation = Object.class, description = "what the handler returned, any JSON value") @JsonRawValue
        String result,

        ErrorResponse error,
        int attempt,
        int maxAttempts,
        int timeoutSeconds,
        ProgressResponse progress,
        Instant runAt,
        Instant createdAt,
        Instant updatedAt,
        Instant startedAt,
        Instant finishedAt,
        String workerId,
        String uniqueKey,
        String pipelineRunId,
        String node,
        boolean cancelRequested) {

    public record ErrorResponse(String type, String message, String stack) {}

    public record ProgressResponse(int percent, String message) {}

    public static TaskResponse of(Task t) {
        TaskError e = t.error();
        Progress p = t.progress();
        return new TaskResponse(
                t.id(),
                t.type(),
                t.title(),
                t.description(),
                t.queue(),
                t.priority(),
                t.status(),
                t.tags(),
                t.payload(),
                t.result(),
                e == null ? null : new ErrorResponse(e.type(), e.message(), e.stack()),
                t.attempt(),
                t.maxAttempts(),
                t.timeoutSeconds(),
                p == null ? null : new ProgressResponse(p.percent(), p.message()),
                t.runAt(),
                t.createdAt(),
                t.updatedAt(),
                t.startedAt(),
                t.finishedAt(),
                t.workerId(),
                t.uniqueKey(),
                t.pipelineRunId(),
                t.node(),
                t.cancelRequested());
    }
}
