package io.taskforge.server.pipeline;

import io.taskforge.client.FieldError;
import io.taskforge.client.TaskValidationException;
import io.taskforge.json.JsonCodec;
import io.taskforge.json.JsonException;
import io.taskforge.pipeline.PipelineService;
import io.taskforge.schedule.PipelineRunLauncher;
import java.util.List;
import java.util.Map;

/** How schedules start pipeline runs: by name or id, with the fire's key as the run's idempotency key. */
final class PipelineLauncher implements PipelineRunLauncher {
    private final PipelineService pipelines;
    private final JsonCodec json;

    PipelineLauncher(PipelineService pipelines, JsonCodec json) {
        this.pipelines = pipelines;
        this.json = json;
    }

    @Override
    public List<FieldError> check(String tenantId, String pipeline, String params) {
        if (pipeline == null || pipelines.get(tenantId, pipeline).isEmpty()) {
            // Relative to the schedule's pipeline target, whose field is "name".
            return List.of(new FieldError("name", "no pipeline with id or name '" + pipeline + "'"));
        }
        try {
            params(params);
            return List.of();
        } catch (TaskValidationException e) {
            return e.errors();
        }
    }

    @Override
    public String launch(String tenantId, String pipeline, String params, String idempotencyKey) {
        return pipelines
                .run(tenantId, pipeline, params(params), "schedule", idempotencyKey)
                .orElseThrow(
                        () -> new TaskValidationException("pipeline", "no pipeline with id or name '" + pipeline + "'"))
                .id();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> params(String params) {
        if (params == null || params.isBlank()) {
            return Map.of();
        }
        try {
            Object tree = json.read(params, Object.class);
            if (tree == null) {
                return Map.of();
            }
            if (tree instanceof Map<?, ?> m) {
                return (Map<String, Object>) m;
            }
        } catch (JsonException e) {
            // Falls through to the same answer as any other non-object.
        }
        throw new TaskValidationException("params", "must be a JSON object");
    }
}
