package io.taskforge.pipeline;

import java.time.Instant;
import java.util.Map;

/**
 * One execution of one version of a pipeline.
 *
 * @param params the run's parameters with the definition's defaults filled in
 * @param error why the run failed, or null
 */
public record PipelineRun(
        String id,
        String tenantId,
        String pipelineId,
        String pipelineName,
        int pipelineVersion,
        RunStatus status,
        Map<String, Object> params,
        String error,
        Instant createdAt,
        Instant updatedAt,
        Instant finishedAt) {}
