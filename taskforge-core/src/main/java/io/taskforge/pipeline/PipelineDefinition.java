package io.taskforge.pipeline;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pipeline as its author wrote it: named steps with their dependencies. It is only a shape;
 * {@link PipelineValidator} says whether it is a usable one.
 *
 * @param params default values of run parameters; a run's own parameters override them
 */
public record PipelineDefinition(
        String name,
        String description,
        Map<String, Object> params,
        FailurePolicy onFailure,
        List<StepDefinition> steps) {

    public PipelineDefinition {
        params = params == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        onFailure = onFailure == null ? FailurePolicy.FAIL_FAST : onFailure;
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    public Optional<StepDefinition> step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
