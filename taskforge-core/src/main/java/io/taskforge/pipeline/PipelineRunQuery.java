package io.taskforge.pipeline;

import java.time.Instant;

/**
 * Which runs of a tenant to list, newest first: all, or those of one pipeline and/or in one status;
 * after the run ({@code afterCreatedAt}, {@code afterId}) when both are set.
 */
public record PipelineRunQuery(
        String tenantId, String pipelineId, RunStatus status, Instant afterCreatedAt, String afterId, int limit) {}
