package io.taskforge.pipeline;

import java.util.List;

/** Pipelines (their latest versions) by name, and the cursor of the next page or null. */
public record PipelinePage(List<Pipeline> items, String nextCursor) {}
