package io.taskforge.worker;

import io.taskforge.store.TaskStore;
import io.taskforge.store.WorkerRecord;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The worker processes registered in the store, as operators watch them: each with the tasks it is
 * running now. Workers register and heartbeat themselves (the engine's lease keeper, the
 * remote-worker API); the leader marks those that stopped heartbeating LOST. Thread-safe.
 */
public final class WorkerRegistry {
    private final TaskStore store;

    public WorkerRegistry(TaskStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** A registered worker and the ids of the tasks RUNNING for it, in id order. */
    public record RegisteredWorker(WorkerRecord worker, List<String> runningTaskIds) {
        public RegisteredWorker {
            runningTaskIds = List.copyOf(runningTaskIds);
        }
    }

    /** Every registered worker, by id, whatever its status. */
    public List<RegisteredWorker> list() {
        Map<String, List<String>> running = store.taskRunningByWorker();
        return store.workerList().stream()
                .map(w -> new RegisteredWorker(w, running.getOrDefault(w.id(), List.of())))
                .toList();
    }
}
