package io.taskforge.bench.peer;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the peers' jobs do: nothing but note when they started. Public and static because JobRunr
 * stores a job as a call of a public method that it finds again by name when it runs the job. One
 * peer runs at a time, so one set of counters serves them all; {@link #reset} starts a new series.
 */
public final class PeerJobs {
    private static volatile AtomicLongArray starts = new AtomicLongArray(0);
    private static final AtomicLong firstStart = new AtomicLong();
    private static final AtomicLong runs = new AtomicLong();

    private PeerJobs() {}

    /** Starts a new series of {@code size} timed jobs (indexes 0..size-1). */
    public static void reset(int size) {
        starts = new AtomicLongArray(size);
        firstStart.set(0);
        runs.set(0);
    }

    /** The job of a drain: counts the run and remembers the first start. */
    public static void noop(int index) {
        firstStart.compareAndSet(0, System.nanoTime());
        runs.incrementAndGet();
    }

    /** The job of a latency series: notes when job {@code index} started. */
    public static void timed(int index) {
        long now = System.nanoTime();
        AtomicLongArray current = starts;
        if (index >= 0 && index < current.length()) {
            current.compareAndSet(index, 0, now);
        }
        noop(index);
    }

    /** {@code System.nanoTime()} when job {@code index} of the series started; 0 when it has not. */
    static long startedAt(int index) {
        return starts.get(index);
    }

    /** {@code System.nanoTime()} of the first start since {@link #reset}; 0 when none has. */
    static long firstStart() {
        return firstStart.get();
    }

    /** Job runs since {@link #reset}. */
    static long runs() {
        return runs.get();
    }
}
