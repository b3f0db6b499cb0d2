package io.taskforge.server.schedule;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.taskforge.client.FieldError;
import io.taskforge.client.TaskValidationException;
import io.taskforge.schedule.NewSchedule;
import io.taskforge.schedule.PipelineTarget;
import io.taskforge.schedule.SchedulePatch;
import io.taskforge.schedule.ScheduleTarget;
import io.taskforge.schedule.ScriptTarget;
import io.taskforge.schedule.TaskTarget;
import io.taskforge.server.problem.RequestBodies;
import io.taskforge.task.Priority;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies of the schedule endpoints. The target is one of three objects, {@code task},
 * {@code script} or {@code pipeline}; exactly one must be given. Bounds are checked by the schedule
 * service, which names each field; a field these records do not know is refused.
 */
final class ScheduleRequests {
    private ScheduleRequests() {}

    private static final String SCHEDULE_FIELDS =
            "name, description, cron, timeZone, intervalSeconds, task, script, pipeline, paused, misfirePolicy,"
                    + " misfireLimit";

    /** The task template of a schedule that creates tasks. */
    @Schema(name = "ScheduleTaskTemplate", description = "The task each fire creates; only `type` is required.")
    record TaskTemplate(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "shell")
            String type,

            @Schema(description = "default: the schedule's name", example = "nightly export")
            String title,

            @Schema(
                    implementation = Object.class,
                    description = "the handler's input, any JSON value",
                    example = "{\"command\": \"./export.sh\"}")
            JsonNode payload,

            @Schema(example = "default") String queue,
            Priority priority,

            @ArraySchema(schema = @Schema(example = "etl")) List<String> tags,

            @Schema(example = "3") Integer maxAttempts,
            @Schema(example = "300") Integer timeoutSeconds,
            @JsonAnySetter @Schema(hidden = true) Map<String, Object> others) {

        TaskTemplate {
            others = others == null ? new LinkedHashMap<>() : others;
        }

        TaskTarget toTarget(JsonMapper json) {
            refuse(others, "task.", "type, title, payload, queue, priority, tags, maxAttempts, timeoutSeconds");
            RequestBodies.checkNoNulls(tags, "task.tags");
            return new TaskTarget(type, title, text(json, payload), queue, priority, tags, maxAttempts, timeoutSeconds);
        }
    }

    /** A script or pipeline run: which one, and its parameters. */
    @Schema(name = "ScheduleRun")
    record Run(
            @Schema(
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    description = "the script's (or pipeline's) id or name",
                    example = "monthly-report")
            String name,

            @Schema(
                    implementation = Object.class,
                    description = "the run's parameters, a JSON object; default {}",
                    example = "{\"month\": \"2026-10\"}")
            JsonNode params,

            @JsonAnySetter @Schema(hidden = true) Map<String, Object> others) {

        Run {
            others = others == null ? new LinkedHashMap<>() : others;
        }
    }

    /** {@code POST /schedules} and {@code PUT /schedules/{ref}}. */
    @Schema(
            name = "CreateSchedule",
            description = "A schedule: `cron` (with `timeZone`) or `intervalSeconds`, and exactly one of `task`,"
                    + " `script` or `pipeline`.")
    record ScheduleBody(
            @Schema(
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    description = "unique among the schedules; 1..100 letters, digits or . _ : -",
                    example = "nightly-export")
            String name,

            String description,

            @Schema(
                    description =
                            "5 fields (minute hour day-of-month month day-of-week) or 6 (a second field" + " first)",
                    example = "*/5 * * * *")
            String cron,

            @Schema(description = "the zone `cron` is read in; default UTC", example = "Europe/Berlin")
            String timeZone,

            @Schema(description = "fire every this many seconds (aligned to the Unix epoch), instead of a cron")
            Integer intervalSeconds,

            TaskTemplate task,
            @Schema(description = "run a stored script") Run script,
            @Schema(description = "start a pipeline run") Run pipeline,

            @Schema(description = "default false") Boolean paused,

            @Schema(
                    allowableValues = {"SKIP", "FIRE_ONCE", "FIRE_ALL"},
                    description = "what to do about slots missed while no engine ran; default FIRE_ONCE")
            String misfirePolicy,

            @Schema(description = "FIRE_ALL fires at most this many missed slots (the newest); 1..1000, default 10")
            Integer misfireLimit,

            @JsonAnySetter @Schema(hidden = true) Map<String, Object> others) {

        ScheduleBody {
            others = others == null ? new LinkedHashMap<>() : others;
        }

        NewSchedule toNewSchedule(JsonMapper json) {
            refuse(others, "", SCHEDULE_FIELDS);
            ScheduleTarget target = target(json, task, script, pipeline);
            return new NewSchedule(
                    name, description, cron, timeZone, intervalSeconds, target, paused, misfirePolicy, misfireLimit);
        }
    }

    /** {@code PATCH /schedules/{ref}}: null or absent leaves a field as it is. */
    @Schema(name = "PatchSchedule")
    record PatchBody(
            String name,
            String description,

            @Schema(description = "switches an interval schedule to this cron", example = "0 2 * * *")
            String cron,

            String timeZone,

            @Schema(description = "switches a cron schedule to this interval")
            Integer intervalSeconds,

            TaskTemplate task,
            Run script,
            Run pipeline,

            @Schema(allowableValues = {"SKIP", "FIRE_ONCE", "FIRE_ALL"})
            String misfirePolicy,

            Integer misfireLimit,
            @JsonAnySetter @Schema(hidden = true) Map<String, Object> others) {

        PatchBody {
            others = others == null ? new LinkedHashMap<>() : others;
        }

        SchedulePatch toPatch(JsonMapper json) {
            refuse(others, "", SCHEDULE_FIELDS.replace(" paused,", "") + " (pause with POST .../pause)");
            return new SchedulePatch(
                    name,
                    description,
                    cron,
                    timeZone,
                    intervalSeconds,
                    target(json, task, script, pipeline),
                    misfirePolicy,
                    misfireLimit);
        }
    }

    /** The one target given, or null when none is (a whole schedule's check then names it missing). */
    private static ScheduleTarget target(JsonMapper json, TaskTemplate task, Run script, Run pipeline) {
        int given = (task == null ? 0 : 1) + (script == null ? 0 : 1) + (pipeline == null ? 0 : 1);
        if (given > 1) {
            throw new TaskValidationException("task", "give exactly one of task, script or pipeline");
        }
        if (task != null) {
            return task.toTarget(json);
        }
        if (script != null) {
            refuse(script.others(), "script.", "name, params");
            return new ScriptTarget(script.name(), text(json, script.params()));
        }
        if (pipeline != null) {
            refuse(pipeline.others(), "pipeline.", "name, params");
            return new PipelineTarget(pipeline.name(), text(json, pipeline.params()));
        }
        return null;
    }

    private static void refuse(Map<String, Object> unknown, String prefix, String known) {
        if (unknown.isEmpty()) {
            return;
        }
        List<FieldError> errors = new ArrayList<>();
        for (String name : unknown.keySet()) {
            errors.add(new FieldError(prefix + name, "is not a field that can be set here (known: " + known + ")"));
        }
        throw new TaskValidationException(errors);
    }

    /** JSON text of a free-form value; absent and JSON null are both "not given". */
    private static String text(JsonMapper json, JsonNode node) {
        return node == null || node.isNull() ? null : json.writeValueAsString(node);
    }
}
