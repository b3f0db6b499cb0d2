package io.taskforge.pipeline;

import io.taskforge.client.FieldError;
import io.taskforge.client.TaskValidationException;
import io.taskforge.json.JsonCodec;
import io.taskforge.json.JsonException;
import io.taskforge.task.Priority;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads pipeline definitions from JSON or YAML text, or from the tree either becomes (maps,
 * lists, strings, numbers, booleans, null), and writes them back as such a tree. Shape errors (a
 * missing id, a number where a list belongs, an unknown field) are collected with the path of
 * each, so an author sees them all at once; whether the steps make a usable graph is {@link
 * PipelineValidator}'s question.
 */
public final class PipelineParser {
    /** Bounds YAML's alias expansion ("billion laughs") and document size. */
    private static final int MAX_YAML_ALIASES = 50;

    private static final int MAX_YAML_CODE_POINTS = 2_000_000;

    private static final Set<String> PIPELINE_FIELDS = Set.of("name", "description", "params", "onFailure", "steps");
    private static final Set<String> STEP_FIELDS = Set.of(
            "id",
            "type",
            "title",
            "payload",
            "dependsOn",
            "queue",
            "priority",
            "maxAttempts",
            "timeoutSeconds",
            "when",
            "forEach",
            "maxParallel");

    private PipelineParser() {}

    /** Reads YAML (JSON is YAML too, but JSON bodies go through {@link #fromJson}). */
    public static PipelineDefinition fromYaml(String text) {
        return fromTree(readYaml(text));
    }

    public static PipelineDefinition fromJson(String text, JsonCodec json) {
        Object tree;
        try {
            tree = json.read(text, Object.class);
        } catch (JsonException e) {
            throw new TaskValidationException("body", "not valid JSON: " + e.getMessage());
        }
        return fromTree(tree);
    }

    /** The tree of a YAML document; only plain data types, never arbitrary classes. */
    public static Object readYaml(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_YAML_ALIASES);
        options.setCodePointLimit(MAX_YAML_CODE_POINTS);
        options.setAllowDuplicateKeys(false);
        try {
            return new Yaml(new SafeConstructor(options)).load(text);
        } catch (YAMLException e) {
            throw new TaskValidationException("body", "not valid YAML: " + firstLine(e.getMessage()));
        }
    }

    /**
     * A definition from its tree.
     *
     * @throws TaskValidationException with one error per malformed field
     */
    public static PipelineDefinition fromTree(Object tree) {
        List<FieldError> errors = new ArrayList<>();
        if (!(tree instanceof Map<?, ?> root)) {
            throw new TaskValidationException("body", "must be an object with name and steps");
        }
        unknownFields(root, PIPELINE_FIELDS, "", errors);
        String name = text(root, "name", "name", errors);
        String description = text(root, "description", "description", errors);
        Map<String, Object> params = new LinkedHashMap<>();
        Object rawParams = root.get("params");
        if (rawParams instanceof Map<?, ?> m) {
            m.forEach((k, v) -> params.put(String.valueOf(k), v));
        } else if (rawParams != null) {
            errors.add(new FieldError("params", "must be an object"));
        }
        FailurePolicy onFailure = null;
        String policy = text(root, "onFailure", "onFailure", errors);
        if (policy != null) {
            try {
                onFailure =
                        FailurePolicy.valueOf(policy.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("onFailure", "must be FAIL_FAST or CONTINUE"));
            }
        }
        List<StepDefinition> steps = new ArrayList<>();
        Object rawSteps = root.get("steps");
        if (rawSteps instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                StepDefinition s = step(list.get(i), "steps[" + i + "]", errors);
                if (s != null) {
                    steps.add(s);
                }
            }
        } else if (rawSteps != null) {
            errors.add(new FieldError("steps", "must be a list of steps"));
        }
        if (!errors.isEmpty()) {
            throw new TaskValidationException(errors);
        }
        return new PipelineDefinition(name, description, params, onFailure, steps);
    }

    private static StepDefinition step(Object raw, String path, List<FieldError> errors) {
        if (!(raw instanceof Map<?, ?> m)) {
            errors.add(new FieldError(path, "must be an object"));
            return null;
        }
        unknownFields(m, STEP_FIELDS, path + ".", errors);
        List<String> dependsOn = new ArrayList<>();
        Object deps = m.get("dependsOn");
        if (deps instanceof String one) {
            dependsOn.add(one);
        } else if (deps instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof String s) {
                    dependsOn.add(s);
                } else {
                    errors.add(new FieldError(path + ".dependsOn[" + i + "]", "must be a step id"));
                }
            }
        } else if (deps != null) {
            errors.add(new FieldError(path + ".dependsOn", "must be a list of step ids"));
        }
        Priority priority = null;
        String p = text(m, "priority", path + ".priority", errors);
        if (p != null) {
            try {
                priority = Priority.valueOf(p.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(path + ".priority", "must be LOW, NORMAL, HIGH or URGENT"));
            }
        }
        Object forEach = m.get("forEach");
        if (forEach != null && !(forEach instanceof String) && !(forEach instanceof List<?>)) {
            errors.add(new FieldError(path + ".forEach", "must be a ${...} reference or a list"));
        }
        Object when = m.get("when");
        String whenText = when == null ? null : when instanceof Boolean b ? b.toString() : null;
        if (when instanceof String s) {
            whenText = s;
        } else if (when != null && whenText == null) {
            errors.add(new FieldError(path + ".when", "must be a condition"));
        }
        return new StepDefinition(
                text(m, "id", path + ".id", errors),
                text(m, "type", path + ".type", errors),
                text(m, "title", path + ".title", errors),
                m.get("payload"),
                dependsOn,
                text(m, "queue", path + ".queue", errors),
                priority,
                integer(m, "maxAttempts", path + ".maxAttempts", errors),
                integer(m, "timeoutSeconds", path + ".timeoutSeconds", errors),
                whenText,
                forEach,
                integer(m, "maxParallel", path + ".maxParallel", errors));
    }

    /** The tree of a definition: what is stored, and what the API shows. */
    public static Map<String, Object> toTree(PipelineDefinition d) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", d.name());
        putIfSet(root, "description", d.description());
        if (!d.params().isEmpty()) {
            root.put("params", d.params());
        }
        root.put("onFailure", d.onFailure().name());
        List<Object> steps = new ArrayList<>();
        for (StepDefinition s : d.steps()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("type", s.type());
            putIfSet(m, "title", s.title());
            putIfSet(m, "payload", s.payload());
            if (!s.dependsOn().isEmpty()) {
                m.put("dependsOn", s.dependsOn());
            }
            putIfSet(m, "queue", s.queue());
            putIfSet(m, "priority", s.priority() == null ? null : s.priority().name());
            putIfSet(m, "maxAttempts", s.maxAttempts());
            putIfSet(m, "timeoutSeconds", s.timeoutSeconds());
            putIfSet(m, "when", s.when());
            putIfSet(m, "forEach", s.forEach());
            putIfSet(m, "maxParallel", s.maxParallel());
            steps.add(m);
        }
        root.put("steps", steps);
        return root;
    }

    private static void putIfSet(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static void unknownFields(Map<?, ?> m, Set<String> known, String prefix, List<FieldError> errors) {
        for (Object key : m.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                errors.add(new FieldError(prefix + key, "unknown field"));
            }
        }
    }

    private static String text(Map<?, ?> m, String key, String path, List<FieldError> errors) {
        Object v = m.get(key);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        errors.add(new FieldError(path, "must be text"));
        return null;
    }

    private static Integer integer(Map<?, ?> m, String key, String path, List<FieldError> errors) {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) < 1e9) {
            return n.intValue();
        }
        errors.add(new FieldError(path, "must be a whole number"));
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
