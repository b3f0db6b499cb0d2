package io.taskforge.event;

import io.taskforge.task.Task;
import io.taskforge.task.TaskStatus;
import java.time.Duration;
import java.util.List;

/**
 * Hears what this process's engine does, for metrics and tracing. Called on engine and task
 * threads: implementations must be thread-safe, fast and must not throw (an exception is logged and
 * ignored).
 */
public interface EngineListener {

    /** Tasks were created through this process's client (not those returned for an idempotency key). */
    default void tasksSubmitted(List<Task> tasks) {}

    /**
     * A claimed task's handler is about to run.
     *
     * @param claimToStart from the claim returning to the handler starting
     * @param queueWait from when the task was due ({@code runAt}) to the claim
     */
    default void attemptStarted(Task task, Duration claimToStart, Duration queueWait) {}

    /**
     * An attempt run by this worker ended.
     *
     * @param outcome SUCCEEDED, RETRYING (will be retried), FAILED, CANCELLED, or QUEUED (given back
     *     by a stopping worker)
     * @param runTime how long the handler ran
     */
    default void attemptFinished(Task task, TaskStatus outcome, Duration runTime) {}

    EngineListener NONE = new EngineListener() {};
}
