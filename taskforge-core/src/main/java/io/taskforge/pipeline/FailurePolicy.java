package io.taskforge.pipeline;

/** What a run does when one of its steps fails. */
public enum FailurePolicy {
    /** Fail the run at once: pending steps are cancelled and running ones asked to stop. */
    FAIL_FAST,
    /**
     * Let branches that do not depend on the failed step finish; steps downstream of it are skipped.
     * The run fails once nothing is left to run.
     */
    CONTINUE
}
