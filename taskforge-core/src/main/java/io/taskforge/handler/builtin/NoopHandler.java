package io.taskforge.handler.builtin;

import io.taskforge.handler.TaskContext;
import io.taskforge.handler.TaskHandler;

/**
 * Type {@code noop}: does nothing and returns no result. Benchmarks use it to measure the engine
 * alone, so it allocates nothing and ignores its payload.
 */
public final class NoopHandler implements TaskHandler {

    public static final String TYPE = "noop";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Object handle(TaskContext ctx) {
        return null;
    }
}
