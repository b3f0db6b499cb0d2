package io.taskforge.schedule;

import io.taskforge.task.Task;
import java.time.Instant;
import java.util.Optional;

/**
 * A fire to store, with what it creates: {@link ScheduleStore#scheduleFire} writes it all in one
 * transaction.
 *
 * @param slot the slot; null for a manual trigger, which is not bound by a slot's uniqueness and
 *     does not move {@code firedUpTo}
 * @param task the task to insert with the fire, or null (a pipeline run, or a failed fire)
 * @param runId the pipeline run started for this fire, or null
 * @param error why nothing was created, for a failed fire; else null
 * @param nextFireAt the schedule's {@code nextFireAt} after a slot's fire; ignored for a manual one
 */
public record ScheduleFiring(
        String scheduleId, Instant slot, Instant firedAt, Task task, String runId, String error, Instant nextFireAt) {

    public FireOutcome outcome() {
        return error == null ? FireOutcome.CREATED : FireOutcome.FAILED;
    }

    public Optional<Task> taskToInsert() {
        return Optional.ofNullable(task);
    }
}
