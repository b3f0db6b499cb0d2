package io.taskforge.server.schedule;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Schema;
import io.taskforge.schedule.PipelineTarget;
import io.taskforge.schedule.Schedule;
import io.taskforge.schedule.ScheduleFire;
import io.taskforge.schedule.ScriptTarget;
import io.taskforge.schedule.TaskTarget;
import io.taskforge.task.Priority;
import java.time.Instant;
import java.util.List;

/** What the schedule endpoints answer. */
final class ScheduleResponses {
    private ScheduleResponses() {}

    @Schema(name = "Schedule")
    record ScheduleResponse(
            @Schema(example = "0198c3a0-5b6e-7c1d-9a2b-3c4d5e6f7a8b")
            String id,

            @Schema(example = "nightly-export") String name,
            String description,

            @Schema(description = "null for an interval schedule", example = "*/5 * * * *")
            String cron,

            @Schema(description = "null for an interval schedule", example = "Europe/Berlin")
            String timeZone,

            @Schema(description = "null for a cron schedule")
            Integer intervalSeconds,

            @Schema(description = "the task template, when the schedule creates tasks")
            TaskTemplateResponse task,

            @Schema(description = "the script run, when the schedule runs a script")
            RunResponse script,

            @Schema(description = "the pipeline run, when the schedule starts pipeline runs")
            RunResponse pipeline,

            boolean paused,

            @Schema(allowableValues = {"SKIP", "FIRE_ONCE", "FIRE_ALL"})
            String misfirePolicy,

            int misfireLimit,

            @Schema(description = "every slot up to this time is done with (fired, or dropped by the misfire policy)")
            Instant firedUpTo,

            @Schema(description = "the next slot to fire; null while paused or when it never fires again")
            Instant nextFireAt,

            @Schema(description = "the next five slots from now (shown while paused too)")
            List<Instant> nextFireTimes,

            Instant createdAt,
            Instant updatedAt) {

        static ScheduleResponse of(Schedule s, List<Instant> nextFireTimes) {
            return new ScheduleResponse(
                    s.id(),
                    s.name(),
                    s.description(),
                    s.cron(),
                    s.timeZone(),
                    s.intervalSeconds(),
                    s.target() instanceof TaskTarget t ? TaskTemplateResponse.of(t) : null,
                    s.target() instanceof ScriptTarget t ? new RunResponse(t.script(), t.params()) : null,
                    s.target() instanceof PipelineTarget t ? new RunResponse(t.pipeline(), t.params()) : null,
                    s.paused(),
                    s.misfirePolicy().name(),
                    s.misfireLimit(),
                    s.firedUpTo(),
                    s.nextFireAt(),
                    nextFireTimes,
                    s.createdAt(),
                    s.updatedAt());
        }
    }

    @Schema(name = "ScheduleTaskTemplateView")
    record TaskTemplateResponse(
            String type,
            String title,

            @Schema(implementation = Object.class) @JsonRawValue
            String payload,

            String queue,
            Priority priority,
            List<String> tags,
            Integer maxAttempts,
            Integer timeoutSeconds) {

        static TaskTemplateResponse of(TaskTarget t) {
            return new TaskTemplateResponse(
                    t.type(),
                    t.title(),
                    t.payload(),
                    t.queue(),
                    t.priority(),
                    t.tags(),
                    t.maxAttempts(),
                    t.timeoutSeconds());
        }
    }

    @Schema(name = "ScheduleRunView")
    record RunResponse(
            @Schema(description = "the script's (or pipeline's) id or name")
            String name,

            @Schema(implementation = Object.class) @JsonRawValue
            String params) {}

    @Schema(name = "ScheduleList")
    record ScheduleListResponse(
            List<ScheduleResponse> items,

            @Schema(description = "pass as `cursor` for the next page; null on the last page")
            String nextCursor) {}

    @Schema(name = "ScheduleFire", description = "One fire of a schedule and what it created.")
    record FireResponse(
            long id,

            @Schema(description = "the slot it fired for; null for a manual trigger")
            Instant slot,

            boolean manual,
            Instant firedAt,

            @Schema(allowableValues = {"CREATED", "FAILED"}) String outcome,

            @Schema(description = "the task it created") String taskId,

            @Schema(description = "the pipeline run it started")
            String runId,

            @Schema(description = "why nothing was created, when FAILED")
            String error) {

        static FireResponse of(ScheduleFire f) {
            return new FireResponse(
                    f.id(), f.slot(), f.manual(), f.firedAt(), f.outcome().name(), f.taskId(), f.runId(), f.error());
        }
    }

    @Schema(name = "ScheduleFireList")
    record FireListResponse(
            @Schema(description = "newest first") List<FireResponse> items,

            @Schema(description = "pass as `cursor` for the next page; null on the last page")
            String nextCursor) {}
}
