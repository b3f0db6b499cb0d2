package io.taskforge.server.queue;

import io.swagger.v3.oas.annotations.media.Schema;
import io.taskforge.store.QueueStats;

/** A queue as {@code GET /queues} lists it (API.md "Queues and workers"). */
@Schema(
        name = "Queue",
        description = "A queue with live counts by status, its settings, and how long its oldest ready task has"
                + " waited. A queue is listed while it has unfinished or FAILED tasks, or settings.")
record QueueResponse(
        @Schema(example = "mail") String name,

        @Schema(description = "tasks waiting for their `runAt`", example = "2")
        long scheduled,

        @Schema(description = "tasks ready to run", example = "120")
        long queued,

        @Schema(description = "tasks running now", example = "4")
        long running,

        @Schema(description = "tasks waiting for their next attempt", example = "1")
        long retrying,

        @Schema(description = "dead letters: attempts used up or not retryable", example = "3")
        long failed,

        @Schema(description = "a paused queue starts nothing; running tasks go on", example = "false")
        boolean paused,

        @Schema(
                description = "most tasks of this queue RUNNING at once across all workers; null: no limit",
                example = "4",
                nullable = true)
        Integer concurrencyLimit,

        @Schema(
                description = "most tasks of this queue started per second across all workers (bursts of at most"
                        + " max(1, rate/5)); null: no limit",
                example = "5.0",
                nullable = true)
        Double ratePerSecond,

        @Schema(
                description = "seconds the oldest QUEUED task has been ready; null when none is",
                example = "12.5",
                nullable = true)
        Double oldestQueuedAgeSeconds) {

    static QueueResponse of(QueueStats q) {
        return new QueueResponse(
                q.name(),
                q.scheduled(),
                q.queued(),
                q.running(),
                q.retrying(),
                q.failed(),
                q.paused(),
                q.concurrencyLimit(),
                q.ratePerSecond(),
                q.oldestQueuedAgeSeconds());
    }
}
