package io.taskforge.server.monitor;

import io.swagger.v3.oas.annotations.media.Schema;
import io.taskforge.store.TaskStats;
import io.taskforge.task.TaskStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code GET /monitor/tasks} answers. */
@Schema(description = "Task counts now, and throughput and run times over a window")
record TaskStatsResponse(
        @Schema(example = "1h") String window,

        @Schema(description = "start of the window", example = "2026-11-23T08:00:00Z")
        Instant since,

        @Schema(description = "end of the window: now", example = "2026-11-23T09:00:00Z")
        Instant until,

        @Schema(
                description =
                        "undeleted tasks by status now (not only those of the window); every status" + " is present",
                example = "{\"PENDING\": 0, \"SCHEDULED\": 2, \"QUEUED\": 14, \"RUNNING\": 4, \"RETRYING\": 1,"
                        + " \"SUCCEEDED\": 5120, \"FAILED\": 12, \"CANCELLED\": 3}")
        Map<String, Long> countsByStatus,

        Totals totals,

        @Schema(
                description = "one entry per minute of the window, oldest first, without gaps (the first"
                        + " and last minutes are partial): tasks that finished SUCCEEDED or FAILED in it")
        List<Minute> throughputPerMinute,

        @Schema(
                description = "when the run-time statistics start: `since`, or later when the window holds"
                        + " more finished tasks than are read for percentiles (they then cover the newest)",
                example = "2026-11-23T08:00:00Z")
        Instant durationsSince,

        @Schema(
                description = "by task type (sorted by name): run times of the tasks that finished SUCCEEDED or"
                        + " FAILED, from `durationsSince` to `until`")
        List<TypeDurations> durationsByType) {

    record Totals(
            @Schema(description = "tasks that finished SUCCEEDED in the window", example = "5120")
            long succeeded,

            @Schema(description = "tasks that finished FAILED in the window", example = "12")
            long failed) {}

    record Minute(
            @Schema(description = "start of the minute", example = "2026-11-23T08:59:00Z")
            Instant minute,

            @Schema(example = "85") long succeeded,
            @Schema(example = "1") long failed) {}

    @Schema(
            description = "Run time of the last attempt (finishedAt - startedAt) in milliseconds; percentile p is"
                    + " the nearest rank: the run at rank ceil(p * count / 100) in ascending order")
    record TypeDurations(
            @Schema(example = "report.export") String type,
            @Schema(example = "5132") long count,
            @Schema(example = "420") long p50Millis,
            @Schema(example = "2300") long p95Millis,
            @Schema(example = "4100") long p99Millis,
            @Schema(example = "9800") long maxMillis) {}

    static TaskStatsResponse of(StatsWindow window, Instant since, Instant until, TaskStats stats) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (TaskStatus s : TaskStatus.values()) {
            counts.put(s.name(), stats.countsByStatus().getOrDefault(s, 0L));
        }
        long succeeded = 0;
        long failed = 0;
        for (TaskStats.MinuteCount m : stats.perMinute()) {
            succeeded += m.succeeded();
            failed += m.failed();
        }
        return new TaskStatsResponse(
                window.text(),
                since,
                until,
                counts,
                new Totals(succeeded, failed),
                stats.perMinute().stream()
                        .map(m -> new Minute(m.minute(), m.succeeded(), m.failed()))
                        .toList(),
                stats.durationsSince(),
                stats.durationsByType().stream()
                        .map(d -> new TypeDurations(
                                d.type(), d.count(), d.p50Millis(), d.p95Millis(), d.p99Millis(), d.maxMillis()))
                        .toList());
    }
}
