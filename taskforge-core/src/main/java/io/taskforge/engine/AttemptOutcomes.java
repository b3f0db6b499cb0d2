package io.taskforge.engine;

import io.taskforge.retry.RetryPolicy;
import io.taskforge.store.AttemptOutcome;
import io.taskforge.task.Task;
import io.taskforge.task.TaskError;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.DoubleSupplier;

/**
 * What a failed attempt turns into: another try after a backoff while attempts remain and the error
 * is retryable, otherwise the dead-letter state. Shared by in-process workers and the remote-worker
 * API so both retry the same way.
 */
public final class AttemptOutcomes {
    private AttemptOutcomes() {}

    public static AttemptOutcome afterFailure(
            Task task,
            String workerId,
            TaskError error,
            boolean retryable,
            RetryPolicy policy,
            Instant now,
            DoubleSupplier random) {
        if (!retryable || task.attempt() >= task.maxAttempts()) {
            return AttemptOutcome.failed(task.id(), task.attempt(), workerId, error, now);
        }
        Instant runAt = now.plus(policy.delay(task.attempt(), random)).truncatedTo(ChronoUnit.MILLIS);
        return AttemptOutcome.retrying(task.id(), task.attempt(), workerId, error, runAt, now);
    }
}
