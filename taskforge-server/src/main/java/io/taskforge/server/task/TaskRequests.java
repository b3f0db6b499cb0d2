package io.taskforge.server.task;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.taskforge.client.FieldError;
import io.taskforge.client.TaskValidationException;
import io.taskforge.task.NewTask;
import io.taskforge.task.Priority;
import io.taskforge.task.TaskPatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Request bodies of the task endpoints. Bounds are checked by the client, which names each field. */
final class TaskRequests {
    private TaskRequests() {}

    /** {@code POST /tasks}, and each entry of a batch. */
    record CreateTask(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "shell")
            String type,

            String title,
            String description,

            @Schema(
                    implementation = Object.class,
                    description = "the handler's input, any JSON value",
                    example = "{\"command\": \"echo hi\"}")
            JsonNode payload,

            String queue,
            Priority priority,
            List<String> tags,
            Integer maxAttempts,
            Integer timeoutSeconds,
            Instant runAt,
            Long delaySeconds,
            String uniqueKey) {

        NewTask toNewTask(JsonMapper json, String idempotencyKey, String prefix) {
            checkTags(tags, prefix + "tags");
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
    record CreateBatch(List<CreateTask> tasks) {}

    /**
     * {@code PATCH /tasks/{id}}: only these fields change; null leaves a field as it is. Any other field
     * is refused rather than ignored, so that {@code {"status": "CANCELLED"}} does not look like it
     * worked.
     */
    record PatchTask(
            String title,
            String description,
            Priority priority,
            List<String> tags,
            @JsonAnySetter @Schema(hidden = true) Map<String, Object> others) {

        PatchTask {
            others = others == null ? new LinkedHashMap<>() : others;
        }

        TaskPatch toPatch() {
            if (!others.isEmpty()) {
                List<FieldError> errors = new ArrayList<>();
                for (String name : others.keySet()) {
                    errors.add(new FieldError(
                            name, "cannot be changed (a PATCH may change title, description, priority and tags)"));
                }
                throw new TaskValidationException(errors);
            }
            checkTags(tags, "tags");
            return new TaskPatch(title, description, priority, tags);
        }
    }

    /** Null entries would break the domain's immutable lists; name them instead. */
    static void checkTags(List<String> tags, String field) {
        if (tags == null) {
            return;
        }
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < tags.size(); i++) {
            if (tags.get(i) == null) {
                errors.add(new FieldError(field + "[" + i + "]", "must be a string"));
            }
        }
        if (!errors.isEmpty()) {
            throw new TaskValidationException(errors);
        }
    }
}
