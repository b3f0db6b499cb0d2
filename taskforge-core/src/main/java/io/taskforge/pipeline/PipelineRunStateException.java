package io.taskforge.pipeline;

/** A run is not in a state that allows what was asked (cancel a finished run, retry a running one). */
public class PipelineRunStateException extends RuntimeException {
    private final transient PipelineRun run;

    public PipelineRunStateException(PipelineRun run, String message) {
        super(message);
        this.run = run;
    }

    public PipelineRun run() {
        return run;
    }
}
