package io.taskforge.schedule;

/**
 * A run of a pipeline, started through the {@link PipelineRunLauncher} the process has.
 *
 * @param pipeline the pipeline's id or name
 * @param params the run's parameters, a JSON object as text; null means {@code {}}
 */
public record PipelineTarget(String pipeline, String params) implements ScheduleTarget {
    public static final String KIND = "pipeline";

    @Override
    public String kind() {
        return KIND;
    }
}
