package io.taskforge.pipeline;

import java.util.List;

/** Runs, newest first, and the cursor of the next page or null. */
public record PipelineRunPage(List<PipelineRun> items, String nextCursor) {}
