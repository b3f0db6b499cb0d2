package io.taskforge.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A name in a template or condition: {@code params.x.y}, {@code steps.<id>.result.<path>}, {@code
 * steps.<id>.status}, {@code item.<path>} and {@code index} (inside a fan-out step). Path segments
 * are map keys, or list indexes when the value there is a list.
 */
record Reference(Root root, String step, List<String> path, String text) {

    enum Root {
        PARAMS,
        STEP_RESULT,
        STEP_STATUS,
        ITEM,
        INDEX
    }

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]+");

    Reference {
        path = List.copyOf(path);
    }

    /**
     * @throws IllegalArgumentException when {@code text} names nothing a run knows; the message
     *     says what is wrong
     */
    static Reference parse(String text) {
        String t = text.strip();
        String[] parts = t.split("\\.", -1);
        for (String p : parts) {
            if (!SEGMENT.matcher(p).matches()) {
                throw new IllegalArgumentException("'" + t + "' is not a reference (a.b.c, letters, digits, _ and -)");
            }
        }
        List<String> rest = new ArrayList<>(List.of(parts).subList(1, parts.length));
        switch (parts[0]) {
            case "params" -> {
                return new Reference(Root.PARAMS, null, rest, t);
            }
            case "item" -> {
                return new Reference(Root.ITEM, null, rest, t);
            }
            case "index" -> {
                if (!rest.isEmpty()) {
                    throw new IllegalArgumentException("'index' has no fields");
                }
                return new Reference(Root.INDEX, null, rest, t);
            }
            case "steps" -> {
                if (rest.size() < 2) {
                    throw new IllegalArgumentException(
                            "'" + t + "' must be steps.<id>.result[.path] or steps.<id>.status");
                }
                String step = rest.get(0);
                String field = rest.get(1);
                List<String> path = rest.subList(2, rest.size());
                if (field.equals("result")) {
                    return new Reference(Root.STEP_RESULT, step, path, t);
                }
                if (field.equals("status") && path.isEmpty()) {
                    return new Reference(Root.STEP_STATUS, step, path, t);
                }
                throw new IllegalArgumentException("'" + t + "' must be steps.<id>.result[.path] or steps.<id>.status");
            }
            default -> throw new IllegalArgumentException("'" + t + "' must start with params, steps, item or index");
        }
    }

    /** Follows {@code path} into a JSON tree; a missing key, index or value gives null. */
    static Object walk(Object value, List<String> path) {
        Object v = value;
        for (String key : path) {
            if (v instanceof java.util.Map<?, ?> m) {
                v = m.get(key);
            } else if (v instanceof List<?> l && key.chars().allMatch(Character::isDigit) && key.length() < 10) {
                int i = Integer.parseInt(key);
                v = i < l.size() ? l.get(i) : null;
            } else {
                return null;
            }
        }
        return v;
    }
}
