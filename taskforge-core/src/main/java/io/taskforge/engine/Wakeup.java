package io.taskforge.engine;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A sticky signal for a loop that waits for work: a signal given while the loop is busy is kept
 * and ends its next wait at once, so no wake-up is lost between "check for work" and "wait".
 * Several signals before a wait count as one.
 */
final class Wakeup {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signalled = lock.newCondition();
    private boolean pending;

    void signal() {
        lock.lock();
        try {
            pending = true;
            signalled.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until signalled or until the time is up, and clears the signal.
     *
     * @return true when woken by a signal
     */
    boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            while (!pending && nanos > 0) {
                nanos = signalled.awaitNanos(nanos);
            }
            boolean wasSignalled = pending;
            pending = false;
            return wasSignalled;
        } finally {
            lock.unlock();
        }
    }
}
