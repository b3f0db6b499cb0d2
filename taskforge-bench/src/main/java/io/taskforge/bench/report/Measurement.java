package io.taskforge.bench.report;

import java.util.Objects;

/**
 * One figure of a run: what was measured ({@code workload} A..F, {@code store}, {@code subject} such
 * as "http, 16 threads"), which {@code metric} and its value in {@code unit}. Counts that let a
 * reader (and the smoke test) check a run for completeness are measurements too, with unit
 * "tasks" or "requests".
 */
public record Measurement(String workload, String store, String subject, String metric, double value, String unit) {
    public Measurement {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(unit, "unit");
    }
}
