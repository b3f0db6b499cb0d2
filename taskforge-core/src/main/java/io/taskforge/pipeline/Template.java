package io.taskforge.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Payload templates: a JSON tree whose strings may hold {@code ${reference}}. A string that is
 * exactly one reference becomes the referenced value with its JSON type (an object stays an
 * object, a number a number); references inside longer text are written into it (strings as
 * they are, other values as JSON, null as nothing). {@code $${} writes a literal {@code ${}.
 */
final class Template {
    private Template() {}

    /** A piece of a string template: literal text, or a reference. */
    record Part(String text, Reference ref) {}

    /**
     * The parts of one string.
     *
     * @throws IllegalArgumentException for an unclosed {@code ${} or a bad reference
     */
    static List<Part> parts(String s) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith("$${", i)) {
                literal.append("${");
                i += 3;
            } else if (s.startsWith("${", i)) {
                int end = s.indexOf('}', i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed ${ at character " + (i + 1));
                }
                if (!literal.isEmpty()) {
                    parts.add(new Part(literal.toString(), null));
                    literal.setLength(0);
                }
                parts.add(new Part(null, Reference.parse(s.substring(i + 2, end))));
                i = end + 1;
            } else {
                literal.append(s.charAt(i++));
            }
        }
        if (!literal.isEmpty()) {
            parts.add(new Part(literal.toString(), null));
        }
        return parts;
    }

    /** The reference a string consists of alone ({@code "${steps.a.result}"}), or null. */
    static Reference wholeReference(String s) {
        List<Part> parts = parts(s);
        return parts.size() == 1 && parts.getFirst().ref() != null
                ? parts.getFirst().ref()
                : null;
    }

    /**
     * Checks every string of a tree; {@code onRef} sees each reference with the path of its
     * string, {@code onError} each malformed string.
     */
    static void check(Object tree, String path, RefVisitor onRef, ErrorVisitor onError) {
        switch (tree) {
            case String s -> {
                try {
                    for (Part p : parts(s)) {
                        if (p.ref() != null) {
                            onRef.visit(path, p.ref());
                        }
                    }
                } catch (IllegalArgumentException e) {
                    onError.visit(path, e.getMessage());
                }
            }
            case Map<?, ?> m -> m.forEach((k, v) -> check(v, path + "." + k, onRef, onError));
            case List<?> l -> {
                for (int i = 0; i < l.size(); i++) {
                    check(l.get(i), path + "[" + i + "]", onRef, onError);
                }
            }
            case null, default -> {}
        }
    }

    @FunctionalInterface
    interface RefVisitor {
        void visit(String path, Reference ref);
    }

    @FunctionalInterface
    interface ErrorVisitor {
        void visit(String path, String message);
    }

    /** The tree with every reference replaced by its value; the input is not changed. */
    static Object render(Object tree, Scope scope) {
        return switch (tree) {
            case String s -> renderString(s, scope);
            case Map<?, ?> m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put(String.valueOf(k), render(v, scope)));
                yield out;
            }
            case List<?> l -> {
                List<Object> out = new ArrayList<>(l.size());
                for (Object v : l) {
                    out.add(render(v, scope));
                }
                yield out;
            }
            case null, default -> tree;
        };
    }

    private static Object renderString(String s, Scope scope) {
        if (!s.contains("${")) {
            return s;
        }
        List<Part> parts = parts(s);
        if (parts.size() == 1 && parts.getFirst().ref() != null) {
            return scope.resolve(parts.getFirst().ref());
        }
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            sb.append(p.ref() == null ? p.text() : JsonText.inline(scope.resolve(p.ref())));
        }
        return sb.toString();
    }
}
