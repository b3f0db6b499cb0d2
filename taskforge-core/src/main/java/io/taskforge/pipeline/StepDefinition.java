package io.taskforge.pipeline;

import io.taskforge.task.Priority;
import java.util.List;

/**
 * One step of a pipeline: a task template. {@code payload} is a JSON tree (maps, lists, strings,
 * numbers, booleans, null) whose strings may hold {@code ${...}} references; it is rendered when
 * the step is started. The overrides ({@code queue}, {@code priority}, {@code maxAttempts}, {@code
 * timeoutSeconds}) are null when the step takes the defaults of its tasks.
 *
 * @param when a condition (see {@link Condition}); null runs the step whenever its upstream
 *     steps succeeded
 * @param forEach a whole-value reference (or a literal list) naming the items to fan out over;
 *     null for a single task
 * @param maxParallel how many items of a fan-out run at once; null for all of them
 */
public record StepDefinition(
        String id,
        String type,
        String title,
        Object payload,
        List<String> dependsOn,
        String queue,
        Priority priority,
        Integer maxAttempts,
        Integer timeoutSeconds,
        String when,
        Object forEach,
        Integer maxParallel) {

    public StepDefinition {
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    }

    public boolean isFanOut() {
        return forEach != null;
    }
}
