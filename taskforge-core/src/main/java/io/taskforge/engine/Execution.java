package io.taskforge.engine;

import io.taskforge.handler.NonRetryableException;
import io.taskforge.handler.TaskContext;
import io.taskforge.handler.TaskHandler;
import io.taskforge.json.JsonCodec;
import io.taskforge.json.JsonException;
import io.taskforge.json.RawJson;
import io.taskforge.store.AttemptOutcome;
import io.taskforge.store.ProgressUpdate;
import io.taskforge.task.Progress;
import io.taskforge.task.Task;
import io.taskforge.task.TaskError;
import io.taskforge.task.TaskLogLine;
import io.taskforge.task.TaskStatus;
import io.taskforge.task.Texts;
import io.taskforge.time.Millis;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One attempt of one task on this worker, from claim to reported outcome; also the handler's
 * {@link TaskContext}.
 *
 * <p>Exactly one outcome is reported per attempt, whichever comes first: the handler returning or
 * throwing, or the engine stopping it. A cancel or a timeout is reported the moment it happens, not
 * when the handler gets round to noticing the interrupt, so the task's state is right within a
 * second even if the handler ignores interrupts; the slot stays taken until the handler's thread
 * really ends, so a stuck handler cannot make the worker overcommit.
 */
final class Execution implements Runnable, TaskContext {
    private final Task task;
    private final Worker worker;
    private final JsonCodec json;
    private final Clock clock;
    private final long claimedAtNanos = System.nanoTime();
    private final Instant deadline;
    private final AtomicReference<StopReason> stopReason = new AtomicReference<>();
    private final AtomicBoolean reported = new AtomicBoolean();
    private volatile Thread thread;
    private volatile TaskStatus reportedStatus;

    Execution(Task task, Worker worker, JsonCodec json, Clock clock) {
        this.task = task;
        this.worker = worker;
        this.json = json;
        this.clock = clock;
        this.deadline = clock.instant().plusSeconds(task.timeoutSeconds());
    }

    long claimedAtNanos() {
        return claimedAtNanos;
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        Duration runTime = Duration.ZERO;
        try {
            if (stopReason.get() != null) {
                // Stopped between claim and start (a cancel that raced the claim).
                report(outcome(null, new InterruptedException("stopped before it started")));
                return;
            }
            Object result = null;
            Throwable failure = null;
            long startedNanos = System.nanoTime();
            worker.listener()
                    .attemptStarted(
                            task,
                            Duration.ofNanos(startedNanos - claimedAtNanos),
                            task.runAt() == null || task.startedAt() == null
                                    ? Duration.ZERO
                                    : Duration.between(task.runAt(), task.startedAt()));
            try {
                TaskHandler handler = worker.handler(task.type());
                if (handler == null) {
                    failure = new NonRetryableException("no handler for task type '" + task.type() + "' on worker "
                            + worker.id() + "; route this type to a queue served by a worker that has one");
                } else {
                    result = handler.handle(this);
                }
            } catch (Throwable t) {
                failure = t;
            }
            report(outcome(result, failure));
            runTime = Duration.ofNanos(System.nanoTime() - startedNanos);
        } finally {
            thread = null;
            Thread.interrupted(); // an interrupt aimed at the handler must not leak to the next task
            worker.finished(this, runTime);
        }
    }

    /** Stops the attempt for {@code reason}; the first reason wins. */
    void stop(StopReason reason) {
        if (!stopReason.compareAndSet(null, reason)) {
            return;
        }
        switch (reason) {
            case CANCEL -> report(AttemptOutcome.cancelled(task.id(), task.attempt(), worker.id(), now()));
            case TIMEOUT -> report(failure(timeoutError(), false));
            case LEASE_LOST -> reported.set(true); // not ours any more: nothing to report
            case SHUTDOWN -> {} // reported when the handler gives up, or by the worker at the deadline
        }
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    /** Gives the task back without waiting for the handler: used for handlers that ignore a shutdown. */
    void forceRelease() {
        report(released());
    }

    private AttemptOutcome released() {
        return AttemptOutcome.released(task.id(), task.attempt(), worker.id(), now(), "worker stopped");
    }

    /**
     * What the handler's return or throw means. Cancels, timeouts and lost leases were reported when
     * they happened ({@link #stop}), so whatever the handler does after one of them is dropped by
     * {@link #report}; only a shutdown waits for the handler to give up.
     */
    private AttemptOutcome outcome(Object result, Throwable failure) {
        if (stopReason.get() == StopReason.SHUTDOWN && failure != null) {
            // Interrupted by shutdown: not the task's fault, so the attempt is given back.
            return released();
        }
        if (failure == null) {
            String encoded;
            try {
                encoded = encode(result);
            } catch (RuntimeException e) {
                return AttemptOutcome.failed(
                        task.id(),
                        task.attempt(),
                        worker.id(),
                        errorOf(new NonRetryableException("the handler's result could not be encoded as JSON", e)),
                        now());
            }
            return AttemptOutcome.succeeded(task.id(), task.attempt(), worker.id(), encoded, now());
        }
        return failure(errorOf(failure), failure instanceof NonRetryableException);
    }

    private AttemptOutcome failure(TaskError error, boolean nonRetryable) {
        return AttemptOutcomes.afterFailure(
                task,
                worker.id(),
                error,
                !nonRetryable,
                worker.retryPolicy(task.type()),
                now(),
                ThreadLocalRandom.current()::nextDouble);
    }

    private void report(AttemptOutcome outcome) {
        if (reported.compareAndSet(false, true)) {
            reportedStatus = outcome.status();
            worker.report(outcome);
        }
    }

    /** What this attempt reported (null when it reported nothing, e.g. after losing its lease). */
    TaskStatus reportedStatus() {
        return reportedStatus;
    }

    private String encode(Object result) {
        if (result == null) {
            return null;
        }
        if (result instanceof RawJson raw) {
            if (!json.isValid(raw.json())) {
                throw new JsonException("RawJson result is not valid JSON", null);
            }
            return raw.json();
        }
        return json.write(result);
    }

    private TaskError timeoutError() {
        return TaskError.of("Timeout", "timed out after " + task.timeoutSeconds() + " s");
    }

    static TaskError errorOf(Throwable t) {
        StringWriter stack = new StringWriter();
        t.printStackTrace(new PrintWriter(stack));
        String message = t.getMessage() == null ? t.toString() : t.getMessage();
        return new TaskError(t.getClass().getSimpleName(), message, stack.toString());
    }

    private Instant now() {
        return Millis.now(clock);
    }

    // ---- TaskContext ----------------------------------------------------------------------------

    @Override
    public Task task() {
        return task;
    }

    @Override
    public String payloadJson() {
        return task.payload() == null ? "null" : task.payload();
    }

    @Override
    public <T> T payload(Class<T> type) throws NonRetryableException {
        try {
            return json.read(payloadJson(), type);
        } catch (RuntimeException e) {
            throw new NonRetryableException("payload does not fit " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void log(String line) {
        log(TaskLogLine.SYSTEM, line);
    }

    @Override
    public void log(String stream, String line) {
        String s = switch (stream == null ? "" : stream) {
            case TaskLogLine.STDOUT, TaskLogLine.STDERR -> stream;
            default -> TaskLogLine.SYSTEM;
        };
        String text = Texts.truncate(line == null ? "" : line, TaskLogLine.MAX_LINE_CHARS);
        worker.logs().append(new TaskLogLine(0, task.id(), task.attempt(), now(), s, text));
    }

    @Override
    public void progress(int percent, String message) {
        worker.logs().progress(new ProgressUpdate(task.id(), task.attempt(), new Progress(percent, message), now()));
    }

    @Override
    public boolean isStopRequested() {
        return stopReason.get() != null;
    }

    @Override
    public Instant deadline() {
        return deadline;
    }
}
