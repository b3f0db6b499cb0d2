package io.taskforge.store;

import io.taskforge.task.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Task statistics for monitoring.
 *
 * @param countsByStatus undeleted tasks by status now, every status present (0 when none)
 * @param perMinute for each minute of the window, oldest first and without gaps, how many tasks
 *     finished SUCCEEDED and FAILED in it (by {@code finishedAt})
 * @param durationsByType for tasks that finished SUCCEEDED or FAILED in the window, by type: how
 *     many, and the run time ({@code finishedAt - startedAt} of the last attempt) percentiles
 */
public record TaskStats(
        Map<TaskStatus, Long> countsByStatus, List<MinuteCount> perMinute, List<TypeDurations> durationsByType) {

    public record MinuteCount(Instant minute, long succeeded, long failed) {}

    public record TypeDurations(
            String type, long count, long p50Millis, long p95Millis, long p99Millis, long maxMillis) {}
}
