package io.taskforge.pipeline;

import io.taskforge.client.FieldError;
import io.taskforge.client.TaskLimits;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Says whether a definition is a usable graph, with the path of every error: names and bounds,
 * unknown or repeated step ids, dependencies on unknown steps, cycles, unknown task types, bad
 * templates and conditions, and references to steps that do not run before the referring one
 * (only upstream steps, direct or not, have finished by then).
 */
public final class PipelineValidator {
    public static final int MAX_STEPS = 200;
    public static final int MAX_NAME_CHARS = 100;
    public static final int MAX_STEP_ID_CHARS = 64;
    public static final int MAX_PARALLEL = 10_000;
    static final Pattern STEP_ID = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    private PipelineValidator() {}

    /**
     * @param knownTypes the task types workers can run; null accepts any type
     * @return the errors, empty when the definition is usable
     */
    public static List<FieldError> validate(PipelineDefinition d, Set<String> knownTypes) {
        List<FieldError> errors = new ArrayList<>();
        if (d.name() == null || d.name().isBlank()) {
            errors.add(new FieldError("name", "is required"));
        } else if (d.name().length() > MAX_NAME_CHARS
                || !TaskLimits.NAME.matcher(d.name()).matches()) {
            errors.add(new FieldError(
                    "name", "must be 1 to " + MAX_NAME_CHARS + " letters, digits, '.', '_', ':' or '-'"));
        }
        if (d.steps().isEmpty()) {
            errors.add(new FieldError("steps", "needs at least one step"));
        } else if (d.steps().size() > MAX_STEPS) {
            errors.add(new FieldError("steps", "at most " + MAX_STEPS + " steps"));
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < d.steps().size(); i++) {
            StepDefinition s = d.steps().get(i);
            String path = "steps[" + i + "]";
            if (s.id() == null) {
                errors.add(new FieldError(path + ".id", "is required"));
            } else if (s.id().length() > MAX_STEP_ID_CHARS
                    || !STEP_ID.matcher(s.id()).matches()) {
                errors.add(new FieldError(
                        path + ".id",
                        "must start with a letter and hold up to " + MAX_STEP_ID_CHARS
                                + " letters, digits, '_' or '-'"));
            } else if (index.putIfAbsent(s.id(), i) != null) {
                errors.add(new FieldError(
                        path + ".id", "'" + s.id() + "' is already the id of steps[" + index.get(s.id()) + "]"));
            }
            fields(s, path, knownTypes, errors);
        }
        Map<String, Set<String>> deps = new HashMap<>();
        for (int i = 0; i < d.steps().size(); i++) {
            StepDefinition s = d.steps().get(i);
            Set<String> seen = new HashSet<>();
            for (int j = 0; j < s.dependsOn().size(); j++) {
                String dep = s.dependsOn().get(j);
                String path = "steps[" + i + "].dependsOn[" + j + "]";
                if (!index.containsKey(dep)) {
                    errors.add(new FieldError(path, "no step has the id '" + dep + "'"));
                } else if (dep.equals(s.id())) {
                    errors.add(new FieldError(path, "a step cannot depend on itself"));
                } else if (!seen.add(dep)) {
                    errors.add(new FieldError(path, "'" + dep + "' is listed twice"));
                }
            }
            if (s.id() != null) {
                seen.remove(s.id());
                deps.putIfAbsent(s.id(), seen);
            }
        }
        List<String> cycle = Graph.findCycle(deps);
        // With a cycle "upstream" means nothing; templates are still checked for everything else.
        Map<String, Set<String>> upstream = null;
        if (cycle.isEmpty()) {
            upstream = Graph.ancestors(deps);
        } else {
            int at = index.get(cycle.getFirst());
            errors.add(new FieldError("steps[" + at + "].dependsOn", "cycle: " + String.join(" -> ", cycle)));
        }
        for (int i = 0; i < d.steps().size(); i++) {
            references(d.steps().get(i), "steps[" + i + "]", index, upstream, errors);
        }
        return errors;
    }

    private static void fields(StepDefinition s, String path, Set<String> knownTypes, List<FieldError> errors) {
        if (s.type() == null || s.type().isBlank()) {
            errors.add(new FieldError(path + ".type", "is required"));
        } else if (knownTypes != null && !knownTypes.contains(s.type())) {
            errors.add(new FieldError(
                    path + ".type",
                    "no worker handles the task type '" + s.type() + "'; known: " + sorted(knownTypes)));
        }
        if (s.title() != null && s.title().length() > TaskLimits.MAX_TITLE_CHARS) {
            errors.add(new FieldError(path + ".title", "at most " + TaskLimits.MAX_TITLE_CHARS + " characters"));
        }
        if (s.queue() != null
                && (s.queue().length() > TaskLimits.MAX_QUEUE_CHARS
                        || !TaskLimits.NAME.matcher(s.queue()).matches())) {
            errors.add(new FieldError(path + ".queue", "is not a queue name"));
        }
        if (s.maxAttempts() != null && (s.maxAttempts() < 1 || s.maxAttempts() > TaskLimits.MAX_ATTEMPTS)) {
            errors.add(new FieldError(path + ".maxAttempts", "must be between 1 and " + TaskLimits.MAX_ATTEMPTS));
        }
        if (s.timeoutSeconds() != null
                && (s.timeoutSeconds() < 1 || s.timeoutSeconds() > TaskLimits.MAX_TIMEOUT_SECONDS)) {
            errors.add(new FieldError(
                    path + ".timeoutSeconds", "must be between 1 and " + TaskLimits.MAX_TIMEOUT_SECONDS));
        }
        if (s.maxParallel() != null) {
            if (!s.isFanOut()) {
                errors.add(new FieldError(path + ".maxParallel", "only a step with forEach runs in parallel"));
            } else if (s.maxParallel() < 1 || s.maxParallel() > MAX_PARALLEL) {
                errors.add(new FieldError(path + ".maxParallel", "must be between 1 and " + MAX_PARALLEL));
            }
        }
    }

    private static void references(
            StepDefinition s,
            String path,
            Map<String, Integer> index,
            Map<String, Set<String>> upstream,
            List<FieldError> errors) {
        Set<String> before =
                upstream == null ? null : s.id() == null ? Set.of() : upstream.getOrDefault(s.id(), Set.of());
        Template.check(
                s.payload(),
                path + ".payload",
                (p, ref) -> reference(ref, p, s.isFanOut(), before, index, errors),
                (p, message) -> errors.add(new FieldError(p, message)));
        if (s.when() != null) {
            try {
                for (Reference ref : Condition.parse(s.when()).references()) {
                    reference(ref, path + ".when", false, before, index, errors);
                }
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(path + ".when", e.getMessage()));
            }
        }
        if (s.forEach() instanceof String text) {
            try {
                Reference ref = Template.wholeReference(text);
                if (ref == null) {
                    errors.add(new FieldError(path + ".forEach", "must be one ${...} reference to a list"));
                } else {
                    reference(ref, path + ".forEach", false, before, index, errors);
                }
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(path + ".forEach", e.getMessage()));
            }
        } else if (s.forEach() instanceof List<?> list) {
            Template.check(
                    list,
                    path + ".forEach",
                    (p, ref) -> reference(ref, p, false, before, index, errors),
                    (p, message) -> errors.add(new FieldError(p, message)));
        }
    }

    /** {@code upstream} is null when the graph has a cycle: then only names are checked. */
    private static void reference(
            Reference ref,
            String path,
            boolean inFanOut,
            Set<String> upstream,
            Map<String, Integer> index,
            List<FieldError> errors) {
        switch (ref.root()) {
            case ITEM, INDEX -> {
                if (!inFanOut) {
                    errors.add(new FieldError(
                            path, "'" + ref.text() + "' exists only in the payload of a step with forEach"));
                }
            }
            case STEP_RESULT, STEP_STATUS -> {
                if (!index.containsKey(ref.step())) {
                    errors.add(new FieldError(path, "'" + ref.text() + "': no step has the id '" + ref.step() + "'"));
                } else if (upstream != null && !upstream.contains(ref.step())) {
                    errors.add(new FieldError(
                            path,
                            "'" + ref.text() + "': step '" + ref.step()
                                    + "' is not upstream of this step; add it to dependsOn"));
                }
            }
            case PARAMS -> {}
        }
    }

    private static List<String> sorted(Set<String> types) {
        List<String> list = new ArrayList<>(new LinkedHashSet<>(types));
        list.sort(null);
        return list;
    }
}
