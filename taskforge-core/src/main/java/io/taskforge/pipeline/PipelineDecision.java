package io.taskforge.pipeline;

import io.taskforge.task.TaskError;
import io.taskforge.task.TaskStatus;
import java.util.List;

/**
 * What a run needs done now. Every change is to a task that is in the state the snapshot showed;
 * a store applies each with a guarded update, so a decision made on a stale snapshot changes
 * nothing it should not.
 *
 * @param start PENDING tasks to queue, with their rendered payloads
 * @param expand fan-out placeholders whose list became known: the placeholder becomes item 0 and
 *     the other items are added, all PENDING (a later decision starts them)
 * @param finish PENDING tasks that end without running (skipped, or failed on a bad template)
 * @param cancel active tasks to cancel (the run failed fast or was cancelled)
 * @param status the run's status after these changes
 * @param error why the run failed, or null
 */
public record PipelineDecision(
        List<Start> start,
        List<Expand> expand,
        List<Finish> finish,
        List<String> cancel,
        RunStatus status,
        String error) {

    public record Start(String taskId, String node, Object payload) {}

    public record Expand(String stepId, String placeholderTaskId, List<Object> payloads) {}

    public record Finish(String taskId, TaskStatus to, TaskError error) {}

    public PipelineDecision {
        start = List.copyOf(start);
        expand = List.copyOf(expand);
        finish = List.copyOf(finish);
        cancel = List.copyOf(cancel);
    }

    /** True when applying this decision changes any task. */
    public boolean changesTasks() {
        return !start.isEmpty() || !expand.isEmpty() || !finish.isEmpty() || !cancel.isEmpty();
    }
}
