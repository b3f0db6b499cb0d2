package io.taskforge.pipeline;

import io.taskforge.task.TaskError;
import io.taskforge.task.TaskStatus;

/**
 * One task of a run as the decider sees it. {@code node} is the step id, or {@code id[i]} for item
 * {@code i} of a fan-out; a fan-out whose list is not known yet has one task named by the bare id
 * (its placeholder). {@code result} is the task's result as a JSON tree.
 */
public record StepTask(String taskId, String node, TaskStatus status, Object result, TaskError error) {

    /** The step this task belongs to. */
    public String stepId() {
        int b = node.indexOf('[');
        return b < 0 ? node : node.substring(0, b);
    }

    /** The item index of a fan-out task, or -1. */
    public int index() {
        int b = node.indexOf('[');
        return b < 0 ? -1 : Integer.parseInt(node.substring(b + 1, node.length() - 1));
    }

    public static String node(String stepId, int index) {
        return stepId + "[" + index + "]";
    }

    /** Queued, scheduled, running or waiting for a retry: someone will still run it. */
    public boolean isActive() {
        return !status.isFinished() && status != TaskStatus.PENDING;
    }

    /** Failed, or cancelled for another reason than a skip: counts against the run. */
    public boolean isFailure() {
        return status == TaskStatus.FAILED || (status == TaskStatus.CANCELLED && !StepMarks.isSkip(error));
    }

    /** Why the task was skipped, or null when it was not. */
    public String skipReason() {
        return status == TaskStatus.CANCELLED && StepMarks.isSkip(error) ? error.message() : null;
    }

    /** What the API shows for this task. */
    public StepStatus displayStatus() {
        return switch (status) {
            case PENDING -> StepStatus.PENDING;
            case SUCCEEDED -> StepStatus.SUCCEEDED;
            case FAILED -> StepStatus.FAILED;
            case CANCELLED -> StepMarks.isSkip(error) ? StepStatus.SKIPPED : StepStatus.CANCELLED;
            default -> StepStatus.RUNNING;
        };
    }
}
