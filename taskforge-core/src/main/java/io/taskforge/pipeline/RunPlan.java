package io.taskforge.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tasks a new run starts with: one per step, and for a fan-out over a list that the run's
 * parameters already give (a literal list, or {@code ${params...}}) one per item, named {@code
 * step[i]}. A fan-out over an upstream result gets one placeholder task, named by the step id,
 * that the decider expands once the list is known.
 */
public final class RunPlan {
    /** Most items one fan-out runs; a longer list fails the step rather than flood the queue. */
    public static final int MAX_ITEMS = 10_000;

    /** One task to create: its node and the step it belongs to. */
    public record Node(String node, StepDefinition step) {}

    private RunPlan() {}

    public static List<Node> nodes(PipelineDefinition definition, Map<String, Object> params) {
        List<Node> nodes = new ArrayList<>();
        for (StepDefinition s : definition.steps()) {
            List<?> items = s.isFanOut() ? knownItems(s, params) : null;
            if (items == null || items.isEmpty() || items.size() > MAX_ITEMS) {
                nodes.add(new Node(s.id(), s));
            } else {
                for (int i = 0; i < items.size(); i++) {
                    nodes.add(new Node(StepTask.node(s.id(), i), s));
                }
            }
        }
        return nodes;
    }

    /** The fan-out list when only parameters decide it, else null. */
    private static List<?> knownItems(StepDefinition s, Map<String, Object> params) {
        boolean[] onlyParams = {true};
        Template.check(
                s.forEach(),
                "forEach",
                (path, ref) -> onlyParams[0] &= ref.root() == Reference.Root.PARAMS,
                (path, message) -> onlyParams[0] = false);
        if (!onlyParams[0]) {
            return null;
        }
        Scope scope = ref -> Reference.walk(params, ref.path());
        Object items = Template.render(s.forEach(), scope);
        return items instanceof List<?> l ? l : null;
    }
}
