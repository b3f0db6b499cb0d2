package io.taskforge.engine;

import io.taskforge.store.AttemptOutcome;
import io.taskforge.store.TaskStore;
import io.taskforge.task.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes attempt outcomes in batches, so a finished task never waits for another task's I/O and
 * the database sees one transaction per batch instead of one per task.
 *
 * <p>Batching adds no delay: the writer takes whatever has piled up while its previous write was
 * in flight (group commit), so an idle worker writes each outcome at once and a busy one writes
 * hundreds per statement. The queue is bounded: when the database falls behind, handlers block on
 * {@link #submit} while holding their slot, which stops the worker from claiming more.
 *
 * <p>Before each write the log writer is flushed, so a task's log lines are stored before the task
 * is seen finished. If a write fails the batch is retried until it succeeds or the worker stops;
 * outcomes that could not be written by then are lost, but the tasks are not: their leases expire
 * and the rescuer returns them (delivery is at least once).
 */
final class Completer extends BackgroundLoop {
    private static final Logger log = LoggerFactory.getLogger(Completer.class);
    private static final int CAPACITY = 10_000;
    private static final int MAX_BATCH = 1_000;

    private final TaskStore store;
    private final LogWriter logs;
    private final Consumer<AttemptOutcome> onRetryScheduled;
    private final BlockingQueue<AttemptOutcome> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final List<AttemptOutcome> failedBatch = new ArrayList<>();
    /** Outcomes submitted and not yet written; guarded by {@code idle}. */
    private final Object idle = new Object();

    private long pending;

    Completer(String workerId, TaskStore store, LogWriter logs, Consumer<AttemptOutcome> onRetryScheduled) {
        super("taskforge-completer-" + workerId);
        this.store = store;
        this.logs = logs;
        this.onRetryScheduled = onRetryScheduled;
    }

    /** Queues an outcome for writing; blocks while the queue is full (backpressure). */
    void submit(AttemptOutcome outcome) {
        synchronized (idle) {
            pending++;
        }
        try {
            queue.put(outcome);
        } catch (InterruptedException e) {
            // The handler thread was interrupted while waiting; the outcome must not be dropped.
            queue.offer(outcome);
            Thread.currentThread().interrupt();
        }
        signal();
    }

    @Override
    protected Duration runOnce() throws InterruptedException {
        List<AttemptOutcome> batch = new ArrayList<>();
        if (!failedBatch.isEmpty()) {
            batch.addAll(failedBatch);
            failedBatch.clear();
        } else {
            AttemptOutcome first = queue.poll(200, TimeUnit.MILLISECONDS);
            if (first == null) {
                return Duration.ZERO;
            }
            batch.add(first);
        }
        queue.drainTo(batch, MAX_BATCH - batch.size());
        try {
            write(batch);
        } catch (RuntimeException e) {
            failedBatch.addAll(batch);
            throw e;
        }
        written(batch.size());
        return Duration.ZERO;
    }

    private void written(int count) {
        synchronized (idle) {
            pending -= count;
            idle.notifyAll();
        }
    }

    private void write(List<AttemptOutcome> batch) {
        logs.flush();
        List<Boolean> applied = store.taskSetOutcomeIfRunningMany(batch);
        for (int i = 0; i < batch.size(); i++) {
            AttemptOutcome o = batch.get(i);
            if (!applied.get(i)) {
                // Normal when the lease was lost, the task was cancelled or deleted meanwhile.
                log.debug(
                        "outcome {} of task {} attempt {} not applied: the attempt no longer runs here",
                        o.status(),
                        o.taskId(),
                        o.attempt());
            } else if (o.status() == TaskStatus.RETRYING) {
                onRetryScheduled.accept(o);
            }
        }
    }

    /** Waits until everything submitted so far is written (or {@code timeout} passes). */
    boolean awaitDrained(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (pending > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    idle.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    @Override
    protected void onStop() {
        // Last chance for outcomes that arrived after the final round.
        List<AttemptOutcome> rest = new ArrayList<>(failedBatch);
        queue.drainTo(rest);
        if (rest.isEmpty()) {
            return;
        }
        try {
            for (int i = 0; i < rest.size(); i += MAX_BATCH) {
                List<AttemptOutcome> part = rest.subList(i, Math.min(rest.size(), i + MAX_BATCH));
                write(part);
                written(part.size());
            }
        } catch (RuntimeException e) {
            log.warn(
                    "could not write {} task outcomes while stopping; their leases will expire and the tasks"
                            + " will be run again",
                    rest.size(),
                    e);
        }
    }
}
