package io.taskforge.server.pipeline;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** Request bodies of the pipeline endpoints, and the documented shape of a definition. */
final class PipelineRequests {
    private PipelineRequests() {}

    static final String DEFINITION_EXAMPLE = """
            {"name": "documents", "params": {"url": "https://example.com/a.pdf"}, "onFailure": "FAIL_FAST",
             "steps": [
              {"id": "fetch", "type": "http", "payload": {"url": "${params.url}"}},
              {"id": "split", "type": "shell", "dependsOn": ["fetch"], "payload": {"command": "..."}},
              {"id": "process", "type": "shell", "dependsOn": ["split"],
               "forEach": "${steps.split.result.chunks}", "maxParallel": 4, "payload": {"command": "echo ${item}"}},
              {"id": "report", "type": "noop", "dependsOn": ["process"], "payload": {"all": "${steps.process.result}"}}]}""";

    @Schema(name = "RunPipeline")
    record RunPipeline(
            @Schema(
                    implementation = Object.class,
                    description = "values for ${params.*}; they override the definition's `params`",
                    example = "{\"url\": \"https://example.com/b.pdf\"}")
            Map<String, Object> params) {}

    /** Only documents the body of POST /pipelines; the service reads the body itself (JSON or YAML). */
    @Schema(name = "PipelineDefinition", example = DEFINITION_EXAMPLE)
    record Definition(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "documents")
            String name,

            String description,

            @Schema(implementation = Object.class, description = "default run parameters")
            Map<String, Object> params,

            @Schema(
                    allowableValues = {"FAIL_FAST", "CONTINUE"},
                    description = "default FAIL_FAST")
            String onFailure,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            List<Step> steps) {}

    @Schema(name = "PipelineStep")
    record Step(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "extract")
            String id,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "shell")
            String type,

            String title,

            @Schema(
                    implementation = Object.class,
                    description = "the task's payload; strings may hold ${params.x}, ${steps.<id>.result.<path>},"
                            + " ${item} and ${index}; a string that is one reference keeps the value's JSON type")
            Object payload,

            @Schema(description = "ids of the steps that must succeed first")
            List<String> dependsOn,

            String queue,

            @Schema(allowableValues = {"LOW", "NORMAL", "HIGH", "URGENT"})
            String priority,

            Integer maxAttempts,
            Integer timeoutSeconds,

            @Schema(
                    description = "run only when true, else SKIPPED: ==, !=, <, <=, >, >=, &&, ||, !, literals,"
                            + " steps.X.status, steps.X.result.path, params.x",
                    example = "steps.check.result.changed == true")
            String when,

            @Schema(
                    implementation = Object.class,
                    description = "a ${...} reference to a list, or a list: one task per item",
                    example = "${steps.split.result.chunks}")
            Object forEach,

            @Schema(description = "items of a fan-out running at once; default all")
            Integer maxParallel) {}
}
