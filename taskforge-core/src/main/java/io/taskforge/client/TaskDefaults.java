package io.taskforge.client;

import io.taskforge.task.Priority;

/**
 * Defaults for fields a submitter leaves out, and the bounds every input is checked against.
 *
 * @param maxPayloadBytes largest payload, in UTF-8 bytes of its JSON text
 */
public record TaskDefaults(
        String tenantId,
        String queue,
        Priority priority,
        int maxAttempts,
        int timeoutSeconds,
        int maxPayloadBytes,
        int maxBatchSize) {

    public static final TaskDefaults STANDARD =
            new TaskDefaults("default", "default", Priority.NORMAL, 3, 300, 1 << 20, 1000);

    public TaskDefaults {
        if (maxAttempts < 1 || maxAttempts > TaskLimits.MAX_ATTEMPTS) {
            throw new IllegalArgumentException("default maxAttempts must be 1.." + TaskLimits.MAX_ATTEMPTS);
        }
        if (timeoutSeconds < 1 || timeoutSeconds > TaskLimits.MAX_TIMEOUT_SECONDS) {
            throw new IllegalArgumentException("default timeoutSeconds must be 1.." + TaskLimits.MAX_TIMEOUT_SECONDS);
        }
        if (maxPayloadBytes < 2) {
            throw new IllegalArgumentException("maxPayloadBytes must be at least 2");
        }
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be at least 1");
        }
    }
}
