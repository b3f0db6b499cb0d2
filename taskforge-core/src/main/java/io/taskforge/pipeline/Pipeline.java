package io.taskforge.pipeline;

import java.time.Instant;

/** One stored version of a pipeline. All versions of a pipeline share its id and name. */
public record Pipeline(
        String id, String tenantId, String name, int version, PipelineDefinition definition, Instant createdAt) {}
