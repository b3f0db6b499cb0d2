package io.taskforge.schedule;

/**
 * What a schedule's fire creates: a task from a template ({@link TaskTarget}), a run of a stored
 * script ({@link ScriptTarget}) or a run of a pipeline ({@link PipelineTarget}).
 */
public sealed interface ScheduleTarget permits TaskTarget, ScriptTarget, PipelineTarget {

    /** The kind as the API and the store name it: {@code task}, {@code script} or {@code pipeline}. */
    String kind();
}
