package io.taskforge.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A run with the definition it runs and its tasks: everything its status page shows. */
public record PipelineRunDetail(PipelineRun run, PipelineDefinition definition, List<StepTask> tasks) {

    /** One step of the run: its status, its tasks in item order and its result. */
    public record Step(String id, String type, StepStatus status, List<StepTask> tasks, Object result) {}

    public PipelineRunDetail {
        tasks = List.copyOf(tasks);
    }

    /** The steps in definition order. */
    public List<Step> steps() {
        List<Step> steps = new ArrayList<>();
        for (StepDefinition s : definition.steps()) {
            List<StepTask> mine = new ArrayList<>(
                    tasks.stream().filter(t -> t.stepId().equals(s.id())).toList());
            mine.sort(Comparator.comparingInt(StepTask::index));
            steps.add(new Step(s.id(), s.type(), StepSummaries.status(mine), mine, StepSummaries.result(s, mine)));
        }
        return steps;
    }

    /** The results of the steps that have one, by step id. */
    public Map<String, Object> results() {
        Map<String, Object> results = new LinkedHashMap<>();
        for (Step s : steps()) {
            if (s.status() == StepStatus.SUCCEEDED) {
                results.put(s.id(), s.result());
            }
        }
        return results;
    }
}
