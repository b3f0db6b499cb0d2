package io.taskforge.handler.builtin;

import io.taskforge.handler.TaskHandler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One call of {@link TaskHandler#handle} on a virtual thread of its own, as the engine makes it,
 * so a test can stop it the way the engine does on a timeout or cancel.
 */
final class HandlerRun {
    private final TestTaskContext ctx;
    private final CompletableFuture<Object> outcome = new CompletableFuture<>();
    private final Thread thread;

    private HandlerRun(TaskHandler handler, TestTaskContext ctx) {
        this.ctx = ctx;
        this.thread = Thread.ofVirtual().name("handler-" + ctx.taskId()).start(() -> {
            try {
                outcome.complete(handler.handle(ctx));
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            }
        });
    }

    static HandlerRun start(TaskHandler handler, TestTaskContext ctx) {
        return new HandlerRun(handler, ctx);
    }

    /** Runs {@code handle} to its end (at most 30 s) and returns its result or rethrows its exception. */
    static Object runToEnd(TaskHandler handler, TestTaskContext ctx) throws Throwable {
        return start(handler, ctx).result(Duration.ofSeconds(30));
    }

    /** Like the engine on a timeout or cancel: flag the stop, then interrupt the handler's thread. */
    void stop() {
        ctx.requestStop();
        thread.interrupt();
    }

    boolean isDone() {
        return outcome.isDone();
    }

    /**
     * What {@code handle} returned, or the exception it threw, rethrown.
     *
     * @throws AssertionError when it has not returned within {@code within}
     */
    Object result(Duration within) throws Throwable {
        try {
            return outcome.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("the handler did not return within " + within);
        }
    }
}
