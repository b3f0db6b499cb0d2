package io.taskforge.schedule;

import io.taskforge.client.FieldError;
import io.taskforge.client.PayloadTooLargeException;
import io.taskforge.client.TaskValidationException;
import io.taskforge.client.TaskforgeClient;
import io.taskforge.script.ScriptRun;
import io.taskforge.script.ScriptService;
import io.taskforge.task.NewTask;
import io.taskforge.task.Task;
import io.taskforge.task.TaskIds;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Makes what one fire creates, for the leader's slot fires and for manual triggers alike. A target
 * that cannot be made (its script deleted, its parameters no longer fitting the script's schema)
 * makes a failed fire that says why, so the slot is done with and the history shows it.
 *
 * <p>Everything a fire creates belongs to the schedule's tenant, and its script or pipeline is
 * looked up among that tenant's only.
 *
 * <p>Tasks of a slot's fire carry the idempotency key {@code schedule:<id>:<slot millis>}: on top
 * of the fire's own unique key, a task for one slot can never be stored twice.
 */
final class FireMaker {
    private final TaskforgeClient client;
    private final ScriptService scripts;
    private final PipelineRunLauncher pipelines;

    FireMaker(TaskforgeClient client, ScriptService scripts, PipelineRunLauncher pipelines) {
        this.client = client;
        this.scripts = scripts;
        this.pipelines = pipelines;
    }

    /** The fire of {@code slot} (null: a manual trigger) of {@code s}, made at {@code now}. */
    ScheduleFiring make(Schedule s, Instant slot, Instant now, Instant nextFireAt) {
        String key = slot == null
                ? "schedule:" + s.id() + ":manual:" + TaskIds.next(now.toEpochMilli())
                : "schedule:" + s.id() + ":" + slot.toEpochMilli();
        try {
            return switch (s.target()) {
                case TaskTarget t -> {
                    NewTask task = taskOf(t, s.name()).toBuilder()
                            .idempotencyKey(slot == null ? null : key)
                            .build();
                    yield new ScheduleFiring(
                            s.id(), slot, now, client.prepare(s.tenantId(), task, ""), null, null, nextFireAt);
                }
                case ScriptTarget t ->
                    new ScheduleFiring(
                            s.id(),
                            slot,
                            now,
                            scriptTask(s.tenantId(), t, slot == null ? null : key),
                            null,
                            null,
                            nextFireAt);
                case PipelineTarget t -> {
                    if (pipelines == null) {
                        throw new TaskValidationException("pipeline", "pipelines are not available");
                    }
                    String runId = pipelines.launch(s.tenantId(), t.pipeline(), t.params(), key);
                    yield new ScheduleFiring(s.id(), slot, now, null, runId, null, nextFireAt);
                }
            };
        } catch (TaskValidationException e) {
            return failed(s, slot, now, nextFireAt, describe(e.errors()));
        } catch (PayloadTooLargeException e) {
            return failed(s, slot, now, nextFireAt, e.getMessage());
        }
    }

    private Task scriptTask(String tenantId, ScriptTarget t, String idempotencyKey) {
        if (scripts == null) {
            throw new TaskValidationException("script", "scripts are not available");
        }
        Optional<NewTask> task = scripts.prepareRun(
                tenantId, t.script(), new ScriptRun(t.params(), null, null, List.of(), null, idempotencyKey));
        if (task.isEmpty()) {
            throw new TaskValidationException("script.name", "no script with id or name '" + t.script() + "'");
        }
        return client.prepare(tenantId, task.get(), "");
    }

    /** The task a template makes; its title defaults to the schedule's name. */
    static NewTask taskOf(TaskTarget t, String scheduleName) {
        return NewTask.ofType(t.type())
                .title(t.title() == null ? scheduleName : t.title())
                .payload(t.payload())
                .queue(t.queue())
                .priority(t.priority())
                .tags(t.tags())
                .maxAttempts(t.maxAttempts())
                .timeoutSeconds(t.timeoutSeconds())
                .build();
    }

    private static ScheduleFiring failed(Schedule s, Instant slot, Instant now, Instant nextFireAt, String error) {
        return new ScheduleFiring(s.id(), slot, now, null, null, error, nextFireAt);
    }

    private static String describe(List<FieldError> errors) {
        return errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; "));
    }
}
