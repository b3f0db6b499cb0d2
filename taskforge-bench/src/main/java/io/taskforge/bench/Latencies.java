package io.taskforge.bench;

import io.taskforge.bench.report.Report;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Latencies in microseconds, kept in an HdrHistogram (3 significant digits, up to 10 minutes), and
 * reported in milliseconds. Not thread-safe: each thread records into its own and {@link #add}s it
 * to a total afterwards.
 */
public final class Latencies {
    private final Histogram histogram = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);

    public void recordNanos(long nanos) {
        recordMicros(TimeUnit.NANOSECONDS.toMicros(Math.max(0, nanos)));
    }

    public void recordMicros(long micros) {
        histogram.recordValue(Math.min(Math.max(0, micros), histogram.getHighestTrackableValue()));
    }

    public void add(Latencies other) {
        histogram.add(other.histogram);
    }

    public long count() {
        return histogram.getTotalCount();
    }

    /** The value at {@code percentile} (0..100), in milliseconds. */
    public double percentileMillis(double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    public double maxMillis() {
        return histogram.getMaxValue() / 1000.0;
    }

    /** Adds p50, p99 (and p95 and max when {@code full}) of these latencies to the report. */
    public void report(Report report, String workload, Store store, String subject, String what, boolean full) {
        report.add(workload, store.label(), subject, what + " p50", percentileMillis(50), "ms");
        if (full) {
            report.add(workload, store.label(), subject, what + " p95", percentileMillis(95), "ms");
        }
        report.add(workload, store.label(), subject, what + " p99", percentileMillis(99), "ms");
        if (full) {
            report.add(workload, store.label(), subject, what + " max", maxMillis(), "ms");
        }
    }
}
