package io.taskforge.server.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a metric label's values few. Task types and queue names come from whoever submits tasks;
 * each distinct value is a time series in Prometheus, so past {@code max} distinct values the rest
 * are reported as {@value #OTHER}. The bound is approximate under races (a few over), never unbounded.
 */
final class LabelValues {
    static final String OTHER = "other";

    private final int max;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    LabelValues(int max) {
        this.max = max;
    }

    String of(String value) {
        if (value == null || value.isEmpty()) {
            return "none";
        }
        if (seen.contains(value)) {
            return value;
        }
        if (seen.size() >= max) {
            return OTHER;
        }
        seen.add(value);
        return value;
    }
}
