package io.taskforge.pipeline;

/**
 * Where one step of a run is, summed over its tasks (one, or one per item of a fan-out). SKIPPED
 * covers both a false {@code when} (and steps downstream of it) and steps that could not run
 * because an upstream step failed; {@link StepTask#skipReason()} tells them apart.
 */
public enum StepStatus {
    /** Waiting for upstream steps. */
    PENDING,
    /** At least one task queued or running, or a fan-out partly done. */
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED,
    SKIPPED
}
