package io.taskforge.pipeline;

import io.taskforge.task.TaskError;

/**
 * How the decider marks the tasks it finishes without running them: they end CANCELLED with an
 * error of one of these types, so they stay ordinary tasks and the reason shows in {@code /tasks}.
 */
public final class StepMarks {
    /** The step's condition was false, or an upstream step was skipped. Kept on retry. */
    public static final String SKIPPED = "PipelineStepSkipped";
    /** An upstream step failed (policy CONTINUE). Run again by a retry of the run. */
    public static final String UPSTREAM_FAILED = "PipelineUpstreamFailed";
    /** Another step failed (policy FAIL_FAST). Run again by a retry of the run. */
    public static final String RUN_FAILED = "PipelineRunFailed";
    /** The run was cancelled. Run again by a retry of the run. */
    public static final String RUN_CANCELLED = "PipelineRunCancelled";

    private StepMarks() {}

    static TaskError of(String type, String message) {
        return TaskError.of(type, message);
    }

    /** True for a CANCELLED task's error that says it was skipped, for whatever reason. */
    public static boolean isSkip(TaskError e) {
        return e != null && (SKIPPED.equals(e.type()) || UPSTREAM_FAILED.equals(e.type()));
    }

    /** True for a skip that a retry of the run keeps: the condition was false. */
    public static boolean isConditionSkip(TaskError e) {
        return e != null && SKIPPED.equals(e.type());
    }
}
