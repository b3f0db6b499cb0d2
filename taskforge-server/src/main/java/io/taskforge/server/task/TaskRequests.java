package io.taskforge.server.task;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.taskforge.server.problem.RequestBodies;
import io.taskforge.task.NewTask;
import io.taskforge.task.Priority;
import io.taskforge.task.TaskPatch;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Request bodies of the task endpoints. Bounds are checked by the client, which names each field. */
final class TaskRequests {
    private TaskRequests() {}

    /** {@code POST /tasks}, and each entry of a batch. */
    @Schema(name = "CreateTask", description = "A new task. Only `type` is required.")
    record CreateTask(
            @Schema(
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    description = "the handler that runs it: shell, http, noop, sleep, script, or an application's",
                    example = "shell")
            String type,

            @Schema(description = "at most 200 characters", example = "nightly export")
            String title,

            @Schema(description = "at most 10000 characters")
            String description,

            @Schema(
                    implementation = Object.class,
                    description = "the handler's input, any JSON value (at most 1 MiB)",
                    example = "{\"command\": \"echo hi\"}")
            JsonNode payload,

            @Schema(description = "default `default`", example = "default")
            String queue,

            @Schema(description = "default NORMAL") Priority priority,

            @ArraySchema(
                    arraySchema = @Schema(description = "at most 20; missing tags are created"),
                    schema = @Schema(example = "etl"))
            List<String> tags,

            @Schema(description = "1..100, default 3", example = "3")
            Integer maxAttempts,

            @Schema(description = "1..604800, default 300", example = "300")
            Integer timeoutSeconds,

            @Schema(description = "run at this time (at most a year ahead); or use `delaySeconds`")
            Instant runAt,

            @Schema(description = "run this many seconds from now", example = "60")
            Long delaySeconds,

            @Schema(description = "at most one unfinished task holds a unique key", example = "export-2026-10")
            String uniqueKey) {

        NewTask toNewTask(JsonMapper json, String idempotencyKey, String prefix) {
            RequestBodies.checkNoNulls(tags, prefix + "tags");
            return new NewTask(
                    type,
                    title,
                    description,
                    payload == null || payload.isNull() ? null : json.writeValueAsString(payload),
                    queue,
                    priority,
                    tags,
                    maxAttempts,
                    timeoutSeconds,
                    runAt,
                    delaySeconds == null ? null : Duration.ofSeconds(delaySeconds),
                    uniqueKey,
                    idempotencyKey,
                    null,
                    null);
        }
    }

    /** {@code POST /tasks/batch}. */
    @Schema(name = "CreateTaskBatch", description = "Up to 1000 new tasks, created all or nothing.")
    record CreateBatch(List<CreateTask> tasks) {}

    /**
     * {@code PATCH /tasks/{id}}: only these fields change; null leaves a field as it is. Any other field
     * is refused rather than ignored, so that {@code {"status": "CANCELLED"}} does not look like it
     * worked.
     */
    @Schema(name = "PatchTask", description = "The fields to change; the others stay as they are.")
    record PatchTask(
            @Schema(example = "nightly export (v2)") String title,
            String description,

            @Schema(description = "a new priority reorders a waiting task")
            Priority priority,

            @Schema(description = "replaces the task's tags")
            List<String> tags,

            @JsonAnySetter @Schema(hidden = true) Map<String, Object> others) {

        PatchTask {
            others = others == null ? new LinkedHashMap<>() : others;
        }

        TaskPatch toPatch() {
            RequestBodies.refuseUnknownFields(
                    others, "cannot be changed (a PATCH may change title, description, priority and tags)");
            RequestBodies.checkNoNulls(tags, "tags");
            return new TaskPatch(title, description, priority, tags);
        }
    }
}
