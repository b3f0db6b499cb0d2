package io.taskforge.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Makes {@code total} calls, one at a time per thread, from {@code threads} platform threads that
 * start together, and times each call. A warm-up of {@code warmup} calls (same threads, not
 * recorded) comes first, so the JIT has compiled the paths before the clock runs.
 */
public final class ConcurrentSubmits {

    /** One submit. */
    @FunctionalInterface
    public interface Call {
        void run() throws Exception;
    }

    /**
     * @param completed calls that returned normally
     * @param failed calls that threw; {@code firstError} says what the first one threw
     */
    public record Result(
            int threads, long completed, long failed, String firstError, double seconds, Latencies latencies) {
        public double perSecond() {
            return seconds <= 0 ? 0 : completed / seconds;
        }
    }

    private ConcurrentSubmits() {}

    /** Runs the calls; gives up (and says so in the result's counts) once {@code timeout} has passed. */
    public static Result run(int threads, int total, int warmup, Duration timeout, Call call)
            throws InterruptedException {
        if (warmup > 0) {
            phase(threads, warmup, timeout, call);
        }
        return phase(threads, total, timeout, call);
    }

    private static Result phase(int threads, int total, Duration timeout, Call call) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicLong completed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Latencies> perThread = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        long[] deadline = new long[1];
        for (int t = 0; t < threads; t++) {
            Latencies mine = new Latencies();
            perThread.add(mine);
            workers.add(Thread.ofPlatform().name("bench-submit-" + t).start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                while (next.getAndIncrement() < total && System.nanoTime() - deadline[0] < 0) {
                    long began = System.nanoTime();
                    try {
                        call.run();
                        mine.recordNanos(System.nanoTime() - began);
                        completed.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        firstError.compareAndSet(null, e.toString());
                    }
                }
            }));
        }
        long began = System.nanoTime();
        deadline[0] = began + timeout.toNanos();
        start.countDown();
        for (Thread w : workers) {
            w.join(Math.max(1, timeout.toMillis() + 5_000));
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        Latencies all = new Latencies();
        perThread.forEach(all::add);
        return new Result(threads, completed.get(), failed.get(), firstError.get(), seconds, all);
    }
}
