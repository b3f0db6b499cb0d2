package io.taskforge.server.task;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.taskforge.store.Inserted;
import io.taskforge.task.Priority;
import io.taskforge.task.Progress;
import io.taskforge.task.Task;
import io.taskforge.task.TaskError;
import io.taskforge.task.TaskStatus;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A task as the API shows it (API.md, "Task JSON"). {@code payload} and {@code result} are the stored
 * JSON text written into the response as JSON, not as strings. {@code cancelRequested} is an
 * addition: true while a RUNNING task has been asked to stop.
 */
@Schema(name = "TaskResponse", description = "A task and its whole life (API.md, \"Task JSON\").")
public record TaskResponse(
        @Schema(description = "opaque id", example = "0190d5c4-7a3e-7b1c-9d2e-3f4a5b6c7d8e")
        String id,

        @Schema(description = "the handler that runs it", example = "shell")
        String type,

        @Schema(example = "nightly export") String title,
        String description,
        @Schema(example = "default") String queue,
        Priority priority,

        @Schema(
                description = "PENDING (pipeline step waiting), SCHEDULED, QUEUED, RUNNING, RETRYING (waiting its"
                        + " backoff), SUCCEEDED, FAILED (dead-lettered), CANCELLED")
        TaskStatus status,

        @ArraySchema(schema = @Schema(example = "etl")) List<String> tags,

        @Schema(
                implementation = Object.class,
                description = "the task's input, any JSON value",
                example = "{\"command\": \"echo hi\"}")
        @JsonRawValue
        String payload,

        @Schema(implementation = Object.class, description = "what the handler returned, any JSON value") @JsonRawValue
        String result,

        @Schema(description = "the last attempt's error, after a failure")
        ErrorResponse error,

        @Schema(description = "attempts started", example = "1")
        int attempt,

        @Schema(example = "3") int maxAttempts,
        @Schema(example = "300") int timeoutSeconds,

        @Schema(description = "what the running attempt reported")
        ProgressResponse progress,

        @Schema(description = "when it is (or was) due") Instant runAt,
        Instant createdAt,
        Instant updatedAt,

        @Schema(description = "when the last attempt started")
        Instant startedAt,

        Instant finishedAt,

        @Schema(description = "the worker running (or that last ran) it")
        String workerId,

        String uniqueKey,
        String pipelineRunId,
        String node,

        @Schema(description = "true while a RUNNING task has been asked to stop")
        boolean cancelRequested) {

    @Schema(name = "TaskErrorResponse", description = "Why an attempt failed.")
    public record ErrorResponse(
            @Schema(
                    description = "a short kind: an exception class, Timeout, LeaseExpired, ExitCode",
                    example = "Timeout")
            String type,

            @Schema(example = "timed out after 300 s") String message,

            @Schema(description = "a stack trace, when there is one")
            String stack) {}

    @Schema(name = "TaskProgressResponse", description = "How far a running task says it is.")
    public record ProgressResponse(
            @Schema(minimum = "0", maximum = "100", example = "40")
            int percent,

            @Schema(example = "10 of 25 files") String message) {}

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

    /**
     * The answer to a request that creates a task (a task, a script run): 201 naming the task in
     * {@code Location}, with {@code Idempotent-Replayed: true} when an earlier request with the same
     * {@code Idempotency-Key} created it.
     */
    public static ResponseEntity<TaskResponse> created(Inserted inserted) {
        var location = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/tasks/{id}")
                .buildAndExpand(inserted.task().id())
                .toUri();
        ResponseEntity.BodyBuilder answer = ResponseEntity.created(location);
        if (!inserted.created()) {
            answer.header("Idempotent-Replayed", "true");
        }
        return answer.body(of(inserted.task()));
    }
}
