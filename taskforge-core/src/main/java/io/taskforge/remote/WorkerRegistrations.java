package io.taskforge.remote;

import io.taskforge.store.TaskStore;
import io.taskforge.store.WorkerRecord;
import io.taskforge.store.WorkerStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps remote workers' rows in the worker registry alive. A claim writes the row; the reports in
 * between (heartbeats above all: a worker whose slots are all busy does not claim) refresh its
 * heartbeat, at most every {@link #REFRESH_EVERY} per worker, so that a worker running long tasks
 * does not turn LOST while a thousand log reports a second do not each write the registry.
 *
 * <p>The rows last written are remembered here, so a refresh keeps what the last claim said (host,
 * queues, slots, the start time). A worker this process has not seen claim (it claimed through
 * another server of the cluster, or before a restart) is looked up in the registry once. The memory
 * is bounded: past {@link #MAX_REMEMBERED} workers the least recently seen is forgotten, and only
 * costs one lookup if it comes back.
 */
final class WorkerRegistrations {
    static final Duration REFRESH_EVERY = Duration.ofSeconds(5);
    private static final int MAX_REMEMBERED = 10_000;

    private final TaskStore store;
    private final Map<String, WorkerRecord> remembered = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, WorkerRecord> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };

    WorkerRegistrations(TaskStore store) {
        this.store = store;
    }

    /** Registers the worker or updates its row after a claim; its start time is kept from before. */
    void claimed(String workerId, String host, long pid, List<String> queues, int concurrency, int busy, Instant now) {
        Instant startedAt = known(workerId)
                .filter(w -> w.status() != WorkerStatus.STOPPED)
                .map(WorkerRecord::startedAt)
                .orElse(now);
        write(new WorkerRecord(workerId, host, pid, queues, concurrency, busy, startedAt, now, WorkerStatus.ACTIVE));
    }

    /** Marks the worker STOPPED (it said it is shutting down); unknown worker ids are left alone. */
    void stopped(String workerId, Instant now) {
        known(workerId).ifPresent(w -> write(w.heardFrom(now, 0, WorkerStatus.STOPPED)));
    }

    /** Records a sign of life of a worker that claimed before; unknown worker ids are left alone. */
    void alive(String workerId, Instant now) {
        Optional<WorkerRecord> last = known(workerId);
        if (last.isEmpty()) {
            return;
        }
        WorkerRecord w = last.get();
        if (w.status() == WorkerStatus.ACTIVE
                && w.lastHeartbeatAt() != null
                && w.lastHeartbeatAt().plus(REFRESH_EVERY).isAfter(now)) {
            return;
        }
        write(w.heardFrom(now, w.busy(), WorkerStatus.ACTIVE));
    }

    private Optional<WorkerRecord> known(String workerId) {
        synchronized (remembered) {
            WorkerRecord w = remembered.get(workerId);
            if (w != null) {
                return Optional.of(w);
            }
        }
        Optional<WorkerRecord> stored =
                store.workerList().stream().filter(w -> w.id().equals(workerId)).findFirst();
        stored.ifPresent(this::remember);
        return stored;
    }

    private void write(WorkerRecord w) {
        store.workerUpsert(w);
        remember(w);
    }

    private void remember(WorkerRecord w) {
        synchronized (remembered) {
            remembered.put(w.id(), w);
        }
    }
}
