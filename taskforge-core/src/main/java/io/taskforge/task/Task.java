package io.taskforge.task;

import java.time.Instant;
import java.util.List;

/**
 * One unit of work and its whole life, as stored.
 *
 * <p>{@code payload} and {@code result} are JSON text (null when absent); the core never parses
 * them itself, a {@link io.taskforge.json.JsonCodec} does. {@code attempt} counts attempts
 * started. {@code leaseUntil} and {@code workerId} are set while RUNNING.
 */
public record Task(
        String id,
        String tenantId,
        String type,
        String title,
        String description,
        String payload,
        String queue,
        Priority priority,
        TaskStatus status,
        List<String> tags,
        int attempt,
        int maxAttempts,
        int timeoutSeconds,
        Instant runAt,
        Instant leaseUntil,
        String workerId,
        Progress progress,
        String result,
        TaskError error,
        String uniqueKey,
        String idempotencyKey,
        String owner,
        String pipelineRunId,
        String node,
        String traceParent,
        boolean cancelRequested,
        Instant createdAt,
        Instant updatedAt,
        Instant startedAt,
        Instant finishedAt) {

    public Task {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** The same task with other tags; stores fill tags in from a second table. */
    public Task withTags(List<String> newTags) {
        return new Task(
                id,
                tenantId,
                type,
                title,
                description,
                payload,
                queue,
                priority,
                status,
                newTags,
                attempt,
                maxAttempts,
                timeoutSeconds,
                runAt,
                leaseUntil,
                workerId,
                progress,
                result,
                error,
                uniqueKey,
                idempotencyKey,
                owner,
                pipelineRunId,
                node,
                traceParent,
                cancelRequested,
                createdAt,
                updatedAt,
                startedAt,
                finishedAt);
    }
}
