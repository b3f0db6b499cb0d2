package io.taskforge.bench.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one run produced: when and where it ran, with which settings, its measurements and
 * the workloads that failed. Collected while the run goes on (thread-safe), written as JSON at the
 * end, and read back by {@code --from} to print a table again.
 */
public final class Report {
    private Instant startedAt;
    private Instant finishedAt;
    private final Map<String, String> machine = new LinkedHashMap<>();
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final List<Measurement> measurements = Collections.synchronizedList(new ArrayList<>());
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());

    public Report(Instant startedAt) {
        this.startedAt = startedAt;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public void finishedAt(Instant at) {
        finishedAt = at;
    }

    /** Facts about the machine: processors, memory, PostgreSQL and JDK versions, load average. */
    public Map<String, String> machine() {
        return machine;
    }

    /** The sizes and options the run used. */
    public Map<String, String> settings() {
        return settings;
    }

    public void add(String workload, String store, String subject, String metric, double value, String unit) {
        measurements.add(new Measurement(workload, store, subject, metric, value, unit));
    }

    public void add(Measurement m) {
        measurements.add(m);
    }

    public List<Measurement> measurements() {
        synchronized (measurements) {
            return List.copyOf(measurements);
        }
    }

    /** The first value of a metric, if it was measured. */
    public Optional<Double> value(String workload, String store, String subject, String metric) {
        return measurements().stream()
                .filter(m -> m.workload().equals(workload)
                        && m.store().equals(store)
                        && m.subject().equals(subject)
                        && m.metric().equals(metric))
                .map(Measurement::value)
                .findFirst();
    }

    public void error(String message) {
        errors.add(message);
    }

    public List<String> errors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }
}
