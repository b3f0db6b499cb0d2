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
}
