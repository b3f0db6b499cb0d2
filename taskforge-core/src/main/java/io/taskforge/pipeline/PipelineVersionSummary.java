package io.taskforge.pipeline;

import java.time.Instant;

/** One entry of a pipeline's history. */
public record PipelineVersionSummary(int version, Instant createdAt) {}
