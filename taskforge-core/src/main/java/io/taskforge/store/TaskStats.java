package io.taskforge.store;

import io.taskforge.task.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Task statistics for monitoring, over a window {@code [since, now]}.
 *
 * @param countsByStatus undeleted tasks by status, every status present (0 when none): for the
 *     states a task is in until it finishes (PENDING, SCHEDULED, QUEUED, RUNNING, RETRYING) all of
 *     them now; for SUCCEEDED, FAILED and CANCELLED those that finished in the window (counting
 *     every finished task ever would make the answer grow with the history kept)
 * @param perMinute for each minute from the one holding {@code since} to the one holding {@code
 *     now}, oldest first and without gaps, how many undeleted tasks finished SUCCEEDED and FAILED
 *     in it (by {@code finishedAt}, within the window)
 * @param durationsByType by type (sorted by name), for undeleted tasks that finished SUCCEEDED or
 *     FAILED from {@code durationsSince} to {@code now}: how many, and the run time ({@code
 *     finishedAt - startedAt} of the last attempt) as nearest-rank percentiles and maximum, in
 *     milliseconds (a negative run time, from clocks that disagree, counts as 0)
 * @param durationsSince where the durations start: {@code since}, or later when the window holds
 *     more finished tasks than a store reads for percentiles (then they cover the newest of them)
 */
public record TaskStats(
        Map<TaskStatus, Long> countsByStatus,
        List<MinuteCount> perMinute,
        List<TypeDurations> durationsByType,
        Instant durationsSince) {

    public record MinuteCount(Instant minute, long succeeded, long failed) {}

    /**
     * Percentile p is the smallest run time r such that at least p percent of the runs took r or
     * less: the run at rank {@code ceil(p * count / 100)} in ascending order.
     */
    public record TypeDurations(
            String type, long count, long p50Millis, long p95Millis, long p99Millis, long maxMillis) {}
}
