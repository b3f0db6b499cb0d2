package io.taskforge.engine;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named daemon thread that runs {@link #runOnce()} until stopped and never dies of an error: a
 * failed round is logged and retried after a backoff that grows to {@link #MAX_BACKOFF}, so a
 * database outage slows the loop down instead of killing it.
 */
abstract class BackgroundLoop {
    private static final Logger log = LoggerFactory.getLogger(BackgroundLoop.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final String name;
    protected final Wakeup wakeup = new Wakeup();
    private volatile boolean stopping;
    private Thread thread;

    BackgroundLoop(String name) {
        this.name = name;
    }

    /** One round of work; returns how long to wait before the next round (a signal cuts it short). */
    protected abstract Duration runOnce() throws Exception;

    /** Called once on the loop's thread after the last round. */
    protected void onStop() {}

    final synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException(name + " already started");
        }
        thread = Thread.ofPlatform().name(name).daemon(true).start(this::loop);
    }

    final void signal() {
        wakeup.signal();
    }

    final boolean isStopping() {
        return stopping;
    }

    /** Asks the loop to finish its current round and waits for it, at most {@code timeout}. */
    final void stop(Duration timeout) {
        stopping = true;
        wakeup.signal();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        try {
            if (!t.join(timeout)) {
                log.warn("{} did not stop within {}; interrupting it", name, timeout);
                t.interrupt();
                t.join(Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        long failures = 0;
        while (!stopping) {
            Duration pause;
            try {
                pause = runOnce();
                failures = 0;
            } catch (InterruptedException e) {
                if (stopping) {
                    break;
                }
                // Not ours to die of: only stop() ends the loop.
                pause = Duration.ZERO;
            } catch (Throwable t) {
                failures++;
                pause = backoff(failures);
                if (failures == 1 || failures % 20 == 0) {
                    log.warn(
                            "{} failed ({} in a row); the loop keeps running and retries in {} ms",
                            name,
                            failures,
                            pause.toMillis(),
                            t);
                }
            }
            if (stopping) {
                break;
            }
            try {
                if (!pause.isZero() && !pause.isNegative()) {
                    wakeup.await(pause.toNanos(), TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                // An interrupt is a request to look again; stop() sets the flag first.
            }
        }
        try {
            onStop();
        } catch (Throwable t) {
            log.warn("{} failed while stopping", name, t);
        }
    }

    private static Duration backoff(long failures) {
        long millis = Math.min(MAX_BACKOFF.toMillis(), 100L << Math.min(10, failures - 1));
        return Duration.ofMillis(millis);
    }
}
