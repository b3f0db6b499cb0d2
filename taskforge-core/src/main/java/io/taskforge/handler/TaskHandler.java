package io.taskforge.handler;

import io.taskforge.retry.RetryPolicy;

/**
 * Does the work of one task type. One instance serves every task of its type, concurrently, each
 * call on its own virtual thread.
 *
 * <p>Return the result (encoded as JSON; return {@link io.taskforge.json.RawJson} for JSON text
 * you already have, or null). Throw to fail the attempt: it is retried with backoff while attempts
 * remain, unless the exception is a {@link NonRetryableException}. When the task times out or is
 * cancelled the thread is interrupted: blocking calls throw {@link InterruptedException}; long
 * computations should check {@link TaskContext#isStopRequested()}.
 *
 * <p>Delivery is at least once: a task whose worker dies mid-run is run again. Handlers whose
 * effects must not repeat should use the task id as their idempotency key.
 */
public interface TaskHandler {

    /** The task type this handler serves: {@code shell}, {@code report.export}, ... */
    String type();

    Object handle(TaskContext ctx) throws Exception;

    /** The retry schedule for this type; null uses the engine's default. */
    default RetryPolicy retryPolicy() {
        return null;
    }
}
