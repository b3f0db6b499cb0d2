package io.taskforge.testkit;

import io.taskforge.handler.NonRetryableException;
import io.taskforge.handler.TaskContext;
import io.taskforge.handler.TaskHandler;
import io.taskforge.retry.RetryPolicy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Handlers whose behaviour engine tests can steer and observe. */
public final class EngineTestHandlers {
    private EngineTestHandlers() {}

    /** Returns {@code {"echo": <payload>}} and remembers the order and count of runs. */
    public static final class Recording implements TaskHandler {
        private final String type;
        public final List<String> order = new CopyOnWriteArrayList<>();
        public final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

        public Recording(String type) {
            this.type = type;
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public Object handle(TaskContext ctx) {
            order.add(ctx.taskId());
            runs.computeIfAbsent(ctx.taskId(), k -> new AtomicInteger()).incrementAndGet();
            ctx.log("stdout", "running " + ctx.taskId());
            ctx.progress(100, "done");
            return Map.of("echo", ctx.payloadJson(), "attempt", ctx.attempt());
        }
    }

    /** Fails every attempt with a retryable error (or, if told, a non-retryable one). */
    public static final class Failing implements TaskHandler {
        private final String type;
        private final boolean retryable;
        private final RetryPolicy policy;
        public final AtomicInteger calls = new AtomicInteger();

        public Failing(String type, boolean retryable, RetryPolicy policy) {
            this.type = type;
            this.retryable = retryable;
            this.policy = policy;
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public Object handle(TaskContext ctx) throws Exception {
            int n = calls.incrementAndGet();
            if (!retryable) {
                throw new NonRetryableException("bad input #" + n);
            }
            throw new IllegalStateException("boom #" + n + " on attempt " + ctx.attempt());
        }

        @Override
        public RetryPolicy retryPolicy() {
            return policy;
        }
    }

    /**
     * Blocks until released or interrupted. Counts starts and interrupts; {@code ignoreInterrupts}
     * makes it a badly behaved handler that sleeps on regardless.
     */
    public static final class Blocking implements TaskHandler {
        private final String type;
        private final boolean ignoreInterrupts;
        public final CountDownLatch release = new CountDownLatch(1);
        public final AtomicInteger started = new AtomicInteger();
        public final AtomicInteger interrupted = new AtomicInteger();
        public final AtomicInteger finished = new AtomicInteger();

        public Blocking(String type, boolean ignoreInterrupts) {
            this.type = type;
            this.ignoreInterrupts = ignoreInterrupts;
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public Object handle(TaskContext ctx) throws Exception {
            started.incrementAndGet();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                try {
                    if (release.await(100, TimeUnit.MILLISECONDS)) {
                        finished.incrementAndGet();
                        return Map.of("released", true);
                    }
                } catch (InterruptedException e) {
                    interrupted.incrementAndGet();
                    if (!ignoreInterrupts) {
                        throw e;
                    }
                }
            }
            throw new IllegalStateException("blocked for 60 s without being released");
        }
    }
}
