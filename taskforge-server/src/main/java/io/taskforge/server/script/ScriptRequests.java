package io.taskforge.server.script;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.taskforge.script.NewScript;
import io.taskforge.script.ScriptPatch;
import io.taskforge.script.ScriptRun;
import io.taskforge.server.problem.RequestBodies;
import io.taskforge.task.Priority;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies of the script endpoints. Bounds are checked by the script service, which names
 * each field; a field these records do not know is refused rather than ignored, so that a typo
 * ({@code "params"} for {@code "parameters"}) does not look like it worked.
 */
final class ScriptRequests {
    private ScriptRequests() {}

    /** What a script body may set, on create and on change alike. */
    private static final String SCRIPT_FIELDS =
            "name, description, language, content, parameters, queue, timeoutSeconds, maxAttempts";

    static final String PARAMETERS_EXAMPLE = "{\"type\": \"object\", \"required\": [\"month\"], \"properties\":"
            + " {\"month\": {\"type\": \"string\", \"pattern\": \"^[0-9]{4}-[0-9]{2}$\"},"
            + " \"pages\": {\"type\": \"integer\", \"minimum\": 1, \"default\": 10}}}";

    /** {@code POST /scripts}. */
    @Schema(name = "CreateScript")
    record CreateScript(
            @Schema(
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    description = "unique among the scripts; 1..100 letters, digits or . _ : -, starting with a"
                            + " letter or digit, and not shaped like an id",
                    example = "monthly-report")
            String name,

            @Schema(example = "Builds the PDF report of a month")
            String description,

            @Schema(
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    allowableValues = {"bash", "sh", "python"},
                    example = "python")
            String language,

            @Schema(
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    description = "the script itself, at most 1 MiB of UTF-8",
                    example = "import json, sys\nparams = json.load(sys.stdin)\nprint(json.dumps({\"month\":"
                            + " params[\"month\"]}))\n")
            String content,

            @Schema(
                    implementation = Object.class,
                    description = "a JSON Schema (draft 2020-12) object for the parameters of a run; default: any"
                            + " object",
                    example = PARAMETERS_EXAMPLE)
            JsonNode parameters,

            @Schema(description = "the queue its runs go to", example = "reports")
            String queue,

            @Schema(description = "timeout of each run's attempts", example = "600")
            Integer timeoutSeconds,

            @Schema(description = "attempts each run may take", example = "2")
            Integer maxAttempts,

            @JsonAnySetter @Schema(hidden = true) Map<String, Object> others) {

        CreateScript {
            others = others == null ? new LinkedHashMap<>() : others;
        }

        NewScript toNewScript(JsonMapper json) {
            RequestBodies.refuseUnknownFields(others, notSettable(SCRIPT_FIELDS));
            return new NewScript(
                    name, description, language, content, text(json, parameters), queue, timeoutSeconds, maxAttempts);
        }
    }

    /** {@code PATCH /scripts/{ref}}: null or absent leaves a field as it is. */
    @Schema(name = "PatchScript")
    record PatchScript(
            @Schema(example = "monthly-report-v2") String name,
            String description,

            @Schema(allowableValues = {"bash", "sh", "python"})
            String language,

            @Schema(description = "a new content makes a new version", example = "echo \"month: $TF_PARAM_MONTH\"\n")
            String content,

            @Schema(
                    implementation = Object.class,
                    description = "a new parameter schema makes a new version",
                    example = PARAMETERS_EXAMPLE)
            JsonNode parameters,

            String queue,
            Integer timeoutSeconds,
            Integer maxAttempts,
            @JsonAnySetter @Schema(hidden = true) Map<String, Object> others) {

        PatchScript {
            others = others == null ? new LinkedHashMap<>() : others;
        }

        ScriptPatch toPatch(JsonMapper json) {
            RequestBodies.refuseUnknownFields(others, notSettable(SCRIPT_FIELDS));
            return new ScriptPatch(
                    name, description, language, content, text(json, parameters), queue, timeoutSeconds, maxAttempts);
        }
    }

    /** {@code POST /scripts/{ref}/run}. */
    @Schema(name = "RunScript")
    record RunScript(
            @Schema(
                    implementation = Object.class,
                    description = "the parameters, a JSON object checked against the script's schema; default {}",
                    example = "{\"month\": \"2026-10\", \"pages\": 3}")
            JsonNode params,

            @Schema(description = "the task's title; default: the script's name", example = "October report")
            String title,

            Priority priority,

            @Schema(example = "[\"reports\"]") List<String> tags,

            @Schema(description = "when to run; default: at once")
            Instant runAt,

            @JsonAnySetter @Schema(hidden = true) Map<String, Object> others) {

        RunScript {
            others = others == null ? new LinkedHashMap<>() : others;
        }

        ScriptRun toRun(JsonMapper json, String idempotencyKey) {
            RequestBodies.refuseUnknownFields(others, notSettable("params, title, priority, tags, runAt"));
            RequestBodies.checkNoNulls(tags, "tags");
            return new ScriptRun(text(json, params), title, priority, tags, runAt, idempotencyKey);
        }
    }

    /** JSON text of a free-form value; absent and JSON null are both "not given". */
    private static String text(JsonMapper json, JsonNode node) {
        return node == null || node.isNull() ? null : json.writeValueAsString(node);
    }

    private static String notSettable(String known) {
        return "is not a field that can be set here (known: " + known + ")";
    }
}
