package io.taskforge.queue;

import io.taskforge.client.Actors;
import io.taskforge.client.FieldError;
import io.taskforge.client.TaskLimits;
import io.taskforge.client.TaskValidationException;
import io.taskforge.store.QueuePatch;
import io.taskforge.store.QueueStats;
import io.taskforge.store.TaskStore;
import io.taskforge.store.WorkerRecord;
import io.taskforge.store.WorkerStatus;
import io.taskforge.time.Millis;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Queue controls as operators use them (the REST API, the command line, an embedding application):
 * watch queues, pause and resume them, limit them, replay their dead letters. Every input is
 * checked here before anything is written; the store enforces the settings at every claim.
 *
 * <p>Any valid name may be given settings, also one no task used yet: a queue exists by being
 * named. Thread-safe.
 *
 * <p>Tenants: counts and dead-letter replay take a tenant and see only its tasks. A queue's settings
 * (paused, limits) are the queue's, shared by every tenant whose tasks it holds: the claim enforces
 * one set per queue name, and a change made for one tenant holds for all.
 */
public final class QueueService {
    /** Upper bound of a concurrency limit: far above any real cluster, low enough to be a typo. */
    public static final int MAX_CONCURRENCY_LIMIT = 100_000;
    /** Upper bound of a rate limit, in tasks started per second. */
    public static final double MAX_RATE_PER_SECOND = 100_000;

    private final TaskStore store;
    private final Clock clock;

    public QueueService(TaskStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Every queue with unfinished or failed tasks or with settings, and every queue an active worker
     * serves (an idle queue should not vanish from the operator's view just because it is empty),
     * by name.
     */
    public List<QueueStats> list() {
        return list(null);
    }

    /**
     * {@link #list()} with the counts of the tasks of {@code tenantId} only (every tenant's when
     * null). Settings and the queues workers serve are the server's, the same for every tenant.
     */
    public List<QueueStats> list(String tenantId) {
        Map<String, QueueStats> byName = new TreeMap<>();
        for (QueueStats q : store.queueStatsList(tenantId, now())) {
            byName.put(q.name(), q);
        }
        for (WorkerRecord w : store.workerList()) {
            if (w.status() == WorkerStatus.ACTIVE) {
                for (String queue : w.queues()) {
                    byName.computeIfAbsent(queue, QueueService::idle);
                }
            }
        }
        return List.copyOf(byName.values());
    }

    private static QueueStats idle(String name) {
        return new QueueStats(name, 0, 0, 0, 0, 0, false, null, null, null);
    }

    /** One queue; a queue that nothing names yet shows no tasks and the default settings. */
    public QueueStats get(String name) {
        return get(null, name);
    }

    /** One queue, with the counts of the tasks of {@code tenantId} (every tenant's when null). */
    public QueueStats get(String tenantId, String name) {
        checkName(name);
        return find(tenantId, name, now());
    }

    /**
     * Changes a queue's settings; a null argument leaves that setting as it is, a limit of 0
     * removes the limit. Resuming a queue or raising a limit wakes idle workers.
     *
     * @return the queue after the change
     * @throws TaskValidationException when the name or a limit is out of bounds; nothing is written
     */
    public QueueStats update(String name, Boolean paused, Integer concurrencyLimit, Double ratePerSecond) {
        return update(null, name, paused, concurrencyLimit, ratePerSecond);
    }

    /**
     * {@link #update(String, Boolean, Integer, Double)}, answering with the counts of {@code
     * tenantId}'s tasks. The settings are the queue's, for every tenant.
     */
    public QueueStats update(
            String tenantId, String name, Boolean paused, Integer concurrencyLimit, Double ratePerSecond) {
        List<FieldError> errors = new ArrayList<>();
        nameErrors(errors, name);
        if (concurrencyLimit != null && (concurrencyLimit < 0 || concurrencyLimit > MAX_CONCURRENCY_LIMIT)) {
            errors.add(new FieldError(
                    "concurrencyLimit", "must be between 0 and " + MAX_CONCURRENCY_LIMIT + " (0 or null: no limit)"));
        }
        if (ratePerSecond != null
                && (!Double.isFinite(ratePerSecond) || ratePerSecond < 0 || ratePerSecond > MAX_RATE_PER_SECOND)) {
            errors.add(new FieldError(
                    "ratePerSecond",
                    "must be between 0 and " + (long) MAX_RATE_PER_SECOND + " tasks per second (0 or null: no limit)"));
        }
        if (!errors.isEmpty()) {
            throw new TaskValidationException(errors);
        }
        Instant now = now();
        if (paused != null || concurrencyLimit != null || ratePerSecond != null) {
            store.queueSettingsUpdate(name, new QueuePatch(paused, concurrencyLimit, ratePerSecond), now);
        }
        return find(tenantId, name, now);
    }

    /**
     * Puts every FAILED task of the queue back with one more attempt, except tasks whose unique key
     * another task now holds.
     *
     * @return how many were queued again
     */
    public int retryFailed(String name, String actor) {
        return retryFailed(null, name, actor);
    }

    /** {@link #retryFailed(String, String)} of the tasks of {@code tenantId} only (every tenant's when null). */
    public int retryFailed(String tenantId, String name, String actor) {
        checkName(name);
        return store.taskRetryFailedInQueue(tenantId, name, now(), Actors.orApi(actor));
    }

    private QueueStats find(String tenantId, String name, Instant now) {
        return store.queueStatsList(tenantId, now).stream()
                .filter(q -> q.name().equals(name))
                .findFirst()
                .orElseGet(() -> new QueueStats(name, 0, 0, 0, 0, 0, false, null, null, null));
    }

    private static void checkName(String name) {
        List<FieldError> errors = new ArrayList<>();
        nameErrors(errors, name);
        if (!errors.isEmpty()) {
            throw new TaskValidationException(errors);
        }
    }

    private static void nameErrors(List<FieldError> errors, String name) {
        if (name == null
                || name.length() > TaskLimits.MAX_QUEUE_CHARS
                || !TaskLimits.NAME.matcher(name).matches()) {
            errors.add(new FieldError(
                    "name",
                    "must be 1.." + TaskLimits.MAX_QUEUE_CHARS
                            + " letters, digits or . _ : -, starting with a letter or digit"));
        }
    }

    private Instant now() {
        return Millis.now(clock);
    }
}
