package io.taskforge.bench;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Submits at a fixed rate: call {@code i} is due at start + i × interval, however long the calls take. */
public final class Pacing {

    @FunctionalInterface
    public interface Submit {
        void submit(int index) throws Exception;
    }

    private Pacing() {}

    public static void atFixedRate(int count, Duration interval, Submit submit) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + i * interval.toNanos();
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
                if (Thread.interrupted()) {
                    throw new InterruptedException("paced submission interrupted");
                }
            }
            submit.submit(i);
        }
    }
}
