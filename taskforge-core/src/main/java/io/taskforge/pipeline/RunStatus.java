package io.taskforge.pipeline;

/** Where a pipeline run is. */
public enum RunStatus {
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public boolean isFinished() {
        return this != RUNNING;
    }
}
