package io.taskforge.pipeline;

import java.util.List;
import java.util.Map;

/**
 * What the decider knows of a run: its status as stored (only CANCELLED matters: a cancelled run
 * stays so), its parameters with the definition's defaults filled in, and its tasks.
 */
public record RunSnapshot(RunStatus status, Map<String, Object> params, List<StepTask> tasks) {
    public RunSnapshot {
        params = params == null ? Map.of() : params;
        tasks = List.copyOf(tasks);
    }
}
