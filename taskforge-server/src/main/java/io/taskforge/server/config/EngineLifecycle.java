package io.taskforge.server.config;

import io.taskforge.engine.Taskforge;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the engine when the context is refreshed and stops it on shutdown, after the web server.
 *
 * <p>Spring stops lifecycles from the highest phase down. The web server's graceful shutdown and its
 * stop run at {@code DEFAULT_PHASE - 1024} and {@code - 2048}; this one runs below them, so by the
 * time the engine stops claiming work, no request can submit more. The engine stops in two phases
 * itself (let running tasks finish within the grace period, then interrupt and hand back the rest).
 * {@link #stop()} blocks for that long on purpose: the lifecycle processor's per-phase timeout only
 * applies to asynchronous stops, and the store must stay open until the engine is done with it.
 */
final class EngineLifecycle implements SmartLifecycle {
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private final Taskforge taskforge;
    private final Duration grace;
    private volatile boolean running;

    EngineLifecycle(Taskforge taskforge, Duration grace) {
        this.taskforge = taskforge;
        this.grace = grace;
    }

    @Override
    public void start() {
        taskforge.start();
        running = true;
    }

    @Override
    public void stop() {
        try {
            taskforge.stop(grace);
        } finally {
            running = false;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
