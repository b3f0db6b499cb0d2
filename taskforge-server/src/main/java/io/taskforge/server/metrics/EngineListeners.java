package io.taskforge.server.metrics;

import io.taskforge.event.EngineListener;
import io.taskforge.task.Task;
import io.taskforge.task.TaskStatus;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine takes one {@link EngineListener}; this makes one of all the application's (metrics
 * now, tracing later). Each is called in turn; one that throws is logged and the others still hear.
 */
public final class EngineListeners {
    private static final Logger log = LoggerFactory.getLogger(EngineListeners.class);

    private EngineListeners() {}

    public static EngineListener of(List<? extends EngineListener> listeners) {
        return switch (listeners.size()) {
            case 0 -> EngineListener.NONE;
            case 1 -> listeners.getFirst();
            default -> new All(List.copyOf(listeners));
        };
    }

    private record All(List<EngineListener> listeners) implements EngineListener {
        @Override
        public void tasksSubmitted(List<Task> tasks) {
            for (EngineListener l : listeners) {
                try {
                    l.tasksSubmitted(tasks);
                } catch (RuntimeException e) {
                    log.warn("engine listener {} failed", l, e);
                }
            }
        }

        @Override
        public void attemptStarted(Task task, Duration claimToStart, Duration queueWait) {
            for (EngineListener l : listeners) {
                try {
                    l.attemptStarted(task, claimToStart, queueWait);
                } catch (RuntimeException e) {
                    log.warn("engine listener {} failed", l, e);
                }
            }
        }

        @Override
        public void attemptFinished(Task task, TaskStatus outcome, Duration runTime) {
            for (EngineListener l : listeners) {
                try {
                    l.attemptFinished(task, outcome, runTime);
                } catch (RuntimeException e) {
                    log.warn("engine listener {} failed", l, e);
                }
            }
        }
    }
}
