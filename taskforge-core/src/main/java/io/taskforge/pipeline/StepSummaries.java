package io.taskforge.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** What a step's tasks add up to: its status and its result, for references and for the API. */
public final class StepSummaries {
    private StepSummaries() {}

    /** The status of a step from its tasks (see {@link StepStatus}). */
    public static StepStatus status(List<StepTask> tasks) {
        if (tasks.isEmpty()) {
            return StepStatus.PENDING;
        }
        boolean allPending = true;
        boolean anyUnfinished = false;
        for (StepTask t : tasks) {
            allPending &= t.status() == io.taskforge.task.TaskStatus.PENDING;
            anyUnfinished |= !t.status().isFinished();
        }
        if (allPending) {
            return StepStatus.PENDING;
        }
        if (anyUnfinished) {
            return StepStatus.RUNNING;
        }
        List<StepStatus> each = tasks.stream().map(StepTask::displayStatus).toList();
        for (StepStatus s : List.of(StepStatus.FAILED, StepStatus.CANCELLED, StepStatus.SKIPPED)) {
            if (each.contains(s)) {
                return s;
            }
        }
        return StepStatus.SUCCEEDED;
    }

    /**
     * The result of a step: its task's result, or for a fan-out the list of its items' results in
     * item order (null for an item without one).
     */
    public static Object result(StepDefinition step, List<StepTask> tasks) {
        if (!step.isFanOut()) {
            return tasks.isEmpty() ? null : tasks.getFirst().result();
        }
        List<StepTask> items =
                new ArrayList<>(tasks.stream().filter(t -> t.index() >= 0).toList());
        items.sort(Comparator.comparingInt(StepTask::index));
        List<Object> results = new ArrayList<>(items.size());
        for (StepTask t : items) {
            results.add(t.result());
        }
        return results;
    }
}
