package io.taskforge.schedule;

import io.taskforge.client.FieldError;
import io.taskforge.client.PayloadTooLargeException;
import io.taskforge.client.TaskLimits;
import io.taskforge.client.TaskValidationException;
import io.taskforge.client.TaskforgeClient;
import io.taskforge.json.JsonCodec;
import io.taskforge.script.ScriptRun;
import io.taskforge.script.ScriptService;
import io.taskforge.task.TaskIds;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a whole schedule (after a patch is merged in), collecting every error with the field it
 * is about, as the API names fields: {@code cron}, {@code timeZone}, {@code task.type}, {@code
 * script.params.month}, ...
 *
 * <p>A target is checked by making what a fire would make, without storing it: a task template
 * through the client's own checks, a script run against the script's current schema, a pipeline
 * run through the {@link PipelineRunLauncher}.
 */
final class ScheduleChecks {
    private final TaskforgeClient client;
    private final ScriptService scripts;
    private final PipelineRunLauncher pipelines;
    private final JsonCodec json;

    ScheduleChecks(TaskforgeClient client, ScriptService scripts, PipelineRunLauncher pipelines, JsonCodec json) {
        this.client = client;
        this.scripts = scripts;
        this.pipelines = pipelines;
        this.json = json;
    }

    /** The fields a stored schedule is made of, as given (null: not given). */
    record Fields(
            String tenantId,
            String name,
            String description,
            String cron,
            String timeZone,
            Integer intervalSeconds,
            ScheduleTarget target,
            String misfirePolicy,
            Integer misfireLimit) {}

    List<FieldError> of(Fields f, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        name(errors, f.name());
        if (f.description() != null && f.description().length() > TaskLimits.MAX_DESCRIPTION_CHARS) {
            errors.add(new FieldError(
                    "description", "must be at most " + TaskLimits.MAX_DESCRIPTION_CHARS + " characters"));
        }
        when(errors, f, now);
        if (f.misfirePolicy() != null && !MisfirePolicy.names().contains(f.misfirePolicy())) {
            errors.add(new FieldError("misfirePolicy", "must be one of " + MisfirePolicy.names()));
        }
        if (f.misfireLimit() != null && (f.misfireLimit() < 1 || f.misfireLimit() > ScheduleLimits.MAX_MISFIRE_LIMIT)) {
            errors.add(new FieldError("misfireLimit", "must be between 1 and " + ScheduleLimits.MAX_MISFIRE_LIMIT));
        }
        target(errors, f.tenantId(), f.target(), f.name());
        return errors;
    }

    private static void name(List<FieldError> errors, String name) {
        if (name == null) {
            errors.add(new FieldError("name", "is required"));
        } else if (name.length() > ScheduleLimits.MAX_NAME_CHARS
                || !TaskLimits.NAME.matcher(name).matches()) {
            errors.add(new FieldError(
                    "name",
                    "must be 1.." + ScheduleLimits.MAX_NAME_CHARS
                            + " letters, digits or . _ : -, starting with a letter or digit"));
        } else if (TaskIds.isValid(name)) {
            // Paths take a schedule's id or its name; a name shaped like an id would be ambiguous.
            errors.add(new FieldError("name", "must not have the shape of a schedule id (a UUID)"));
        }
    }

    private static void when(List<FieldError> errors, Fields f, Instant now) {
        if (f.cron() == null && f.intervalSeconds() == null) {
            errors.add(new FieldError("cron", "either cron or intervalSeconds is required"));
            return;
        }
        if (f.cron() != null && f.intervalSeconds() != null) {
            errors.add(new FieldError("intervalSeconds", "must not be given together with cron"));
            return;
        }
        if (f.intervalSeconds() != null) {
            if (f.timeZone() != null) {
                errors.add(new FieldError("timeZone", "applies to cron schedules only"));
            }
            if (f.intervalSeconds() < 1 || f.intervalSeconds() > ScheduleLimits.MAX_INTERVAL_SECONDS) {
                errors.add(new FieldError(
                        "intervalSeconds", "must be between 1 and " + ScheduleLimits.MAX_INTERVAL_SECONDS));
            }
            return;
        }
        ZoneId zone = ZoneId.of("UTC");
        if (f.timeZone() != null) {
            try {
                zone = ZoneId.of(f.timeZone());
            } catch (DateTimeException e) {
                errors.add(new FieldError(
                        "timeZone",
                        "is not a time zone (use a region such as Europe/Berlin, or UTC): " + f.timeZone()));
            }
        }
        if (f.cron().length() > ScheduleLimits.MAX_CRON_CHARS) {
            errors.add(new FieldError("cron", "must be at most " + ScheduleLimits.MAX_CRON_CHARS + " characters"));
            return;
        }
        try {
            CronTrigger trigger = CronTrigger.parse(f.cron(), zone);
            if (trigger.nextAfter(now).isEmpty()) {
                errors.add(new FieldError("cron", "never fires again"));
            }
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("cron", e.getMessage()));
        }
    }

    private void target(List<FieldError> errors, String tenantId, ScheduleTarget target, String scheduleName) {
        switch (target) {
            case null -> errors.add(new FieldError("task", "one of task, script or pipeline is required"));
            case TaskTarget t -> {
                try {
                    client.prepare(
                            tenantId, FireMaker.taskOf(t, scheduleName == null ? "schedule" : scheduleName), "task.");
                } catch (TaskValidationException e) {
                    errors.addAll(e.errors());
                } catch (PayloadTooLargeException e) {
                    errors.add(new FieldError("task.payload", e.getMessage()));
                }
            }
            case ScriptTarget t -> script(errors, tenantId, t);
            case PipelineTarget t -> pipeline(errors, tenantId, t);
        }
    }

    private void script(List<FieldError> errors, String tenantId, ScriptTarget t) {
        if (scripts == null) {
            errors.add(new FieldError("script", "scripts are not available"));
            return;
        }
        if (t.script() == null || t.script().isBlank()) {
            errors.add(new FieldError("script.name", "is required"));
            return;
        }
        if (!params(errors, "script.params", t.params())) {
            return;
        }
        try {
            if (scripts.prepareRun(tenantId, t.script(), new ScriptRun(t.params(), null, null, List.of(), null, null))
                    .isEmpty()) {
                errors.add(new FieldError("script.name", "no script with id or name '" + t.script() + "'"));
            }
        } catch (TaskValidationException e) {
            e.errors().forEach(x -> errors.add(new FieldError("script." + x.field(), x.message())));
        } catch (PayloadTooLargeException e) {
            errors.add(new FieldError("script.params", e.getMessage()));
        }
    }

    private void pipeline(List<FieldError> errors, String tenantId, PipelineTarget t) {
        if (pipelines == null) {
            // Pipelines come with their own feature; until this process has it, a schedule that
            // could never fire is refused instead of stored.
            errors.add(new FieldError("pipeline", "pipelines are not available"));
            return;
        }
        if (t.pipeline() == null || t.pipeline().isBlank()) {
            errors.add(new FieldError("pipeline.name", "is required"));
            return;
        }
        if (params(errors, "pipeline.params", t.params())) {
            pipelines
                    .check(tenantId, t.pipeline(), t.params())
                    .forEach(x -> errors.add(new FieldError("pipeline." + x.field(), x.message())));
        }
    }

    private boolean params(List<FieldError> errors, String field, String params) {
        if (params == null) {
            return true;
        }
        if (params.getBytes(StandardCharsets.UTF_8).length > ScheduleLimits.MAX_PARAMS_BYTES) {
            errors.add(new FieldError(field, "must be at most " + ScheduleLimits.MAX_PARAMS_BYTES + " bytes"));
            return false;
        }
        if (!json.isValid(params) || !params.strip().startsWith("{")) {
            errors.add(new FieldError(field, "must be a JSON object"));
            return false;
        }
        return true;
    }
}
