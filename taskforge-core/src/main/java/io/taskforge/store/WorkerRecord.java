package io.taskforge.store;

import java.time.Instant;
import java.util.List;

/** A worker process as registered in the store. */
public record WorkerRecord(
        String id,
        String host,
        long pid,
        List<String> queues,
        int concurrency,
        int busy,
        Instant startedAt,
        Instant lastHeartbeatAt,
        WorkerStatus status) {
    public WorkerRecord {
        queues = List.copyOf(queues);
    }

    /** The same worker, heard from at {@code at} with {@code busy} slots taken, in {@code newStatus}. */
    public WorkerRecord heardFrom(Instant at, int busySlots, WorkerStatus newStatus) {
        return new WorkerRecord(id, host, pid, queues, concurrency, busySlots, startedAt, at, newStatus);
    }
}
