package io.taskforge.schedule;

import java.time.Instant;

/**
 * One fire of a schedule, as its history shows it.
 *
 * @param id increasing in the order fires were stored
 * @param slot the slot it fired for; null for a manual trigger
 * @param taskId the task it created, when it created one
 * @param runId the pipeline run it started, when it started one
 * @param error why it created nothing, when its outcome is {@link FireOutcome#FAILED}
 */
public record ScheduleFire(
        long id,
        String scheduleId,
        Instant slot,
        Instant firedAt,
        FireOutcome outcome,
        String taskId,
        String runId,
        String error) {

    public boolean manual() {
        return slot == null;
    }
}
