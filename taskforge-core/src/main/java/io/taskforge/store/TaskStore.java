package io.taskforge.store;

import io.taskforge.task.LogPage;
import io.taskforge.task.Tag;
import io.taskforge.task.Task;
import io.taskforge.task.TaskEvent;
import io.taskforge.task.TaskLogLine;
import io.taskforge.task.TaskPage;
import io.taskforge.task.TaskPatch;
import io.taskforge.task.TaskQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where tasks live: the engine's only view of the database.
 *
 * <p>Conventions, which the contract suite in {@code taskforge-testkit} checks for every store:
 *
 * <ul>
 *   <li>Methods read noun first, then verb. Writes that apply only in some states say so in the
 *       name ({@code ...IfRunningMany}) and are guarded in the statement itself ({@code WHERE id=?
 *       AND status='RUNNING' AND attempt=? AND worker_id=?}), so a late or duplicate report changes
 *       nothing. Zero rows changed is a normal outcome.
 *   <li>Time comes in as a parameter ({@code now}); a store never reads a clock.
 *   <li>Soft-deleted tasks are invisible to every read and every write except the inserts.
 *   <li>Ids that are not well-formed simply match nothing.
 *   <li>Every status change appends its {@link TaskEvent} in the same transaction.
 *   <li>Failures of the database surface as {@link StoreException}; nothing is half written.
 * </ul>
 */
public interface TaskStore extends AutoCloseable {

    // ---- submitting and reading ---------------------------------------------------------------

    /**
     * Inserts fully formed tasks (id, status QUEUED / SCHEDULED / PENDING, attempt 0, timestamps,
     * tenant), all or nothing, each with a {@code CREATED} event. Missing tags are created.
     *
     * <p>A task whose {@code idempotencyKey} is already used by a stored task of the same tenant is
     * not inserted; the stored task is returned in its place with {@code created = false} (also
     * when two callers race with the same key). A {@code uniqueKey} held by an unfinished,
     * undeleted task, or used twice in the batch, throws {@link UniqueKeyConflictException} and
     * inserts nothing. Listeners hear {@code taskQueued} for the queues of new QUEUED tasks.
     *
     * @return one entry per input task, in input order
     */
    List<Inserted> taskInsertMany(List<Task> tasks);

    /**
     * Inserts tasks that have nothing to do with each other (single submissions of different callers)
     * in one transaction, so they share one commit. Each task fares exactly as {@link
     * #taskInsertMany} of it alone would, in list order: a task whose idempotency key an earlier one
     * of the list used returns that earlier task, a unique key taken by an earlier one conflicts
     * with it. One task being refused (a unique key conflict, a value the database will not take)
     * changes nothing for the others. A failure of the transaction itself (the database cannot be
     * reached) throws, and then nothing is inserted; for a list of one task, any error of that task
     * but a unique key conflict may also throw.
     *
     * <p>The default inserts them one transaction each.
     *
     * @return one outcome per input task, in input order
     */
    default List<InsertOutcome> taskInsertEach(List<Task> tasks) {
        List<InsertOutcome> outcomes = new ArrayList<>(tasks.size());
        for (Task t : tasks) {
            try {
                outcomes.add(InsertOutcome.of(taskInsertMany(List.of(t)).getFirst()));
            } catch (UniqueKeyConflictException | StoreException e) {
                outcomes.add(InsertOutcome.failed(e));
            }
        }
        return outcomes;
    }

    Optional<Task> taskGet(String id);

    /**
     * Reads a page. Order per {@link io.taskforge.task.TaskSort}, ties broken by id; the cursor
     * is keyset-based, so pages stay stable while tasks are added.
     *
     * @throws InvalidCursorException when the cursor is not one this store produced for this sort
     */
    TaskPage taskList(TaskQuery query);

    /** The task's history, oldest first; empty for an unknown task. */
    List<TaskEvent> taskEventList(String taskId);

    /**
     * Changes descriptive fields and appends an {@code UPDATED} event. A new priority reorders a
     * waiting task; a new tag list replaces the old one (missing tags are created).
     *
     * @return the changed task, or empty when there is no such task
     */
    Optional<Task> taskUpdate(String id, TaskPatch patch, Instant now, String actor);

    /**
     * Cancels a waiting task (PENDING, SCHEDULED, QUEUED, RETRYING) at once: CANCELLED, finishedAt
     * now, a {@code CANCELLED} event. For a RUNNING task sets {@code cancelRequested}, appends a
     * {@code CANCEL_REQUESTED} event (once) and tells listeners {@code cancelRequested}; the worker
     * running it reports CANCELLED when the handler stops.
     *
     * @return the task after the change, or empty when there is no such task
     * @throws TaskStateConflictException when the task has already finished
     */
    Optional<Task> taskCancel(String id, Instant now, String actor);

    /**
     * Puts a FAILED or CANCELLED task back in its queue: QUEUED, runAt now, one more attempt
     * allowed ({@code maxAttempts = max(maxAttempts, attempt + 1)}), cancelRequested and finishedAt
     * cleared, a {@code RETRIED} event. The last error stays until the next attempt ends.
     *
     * @return the task after the change, or empty when there is no such task
     * @throws TaskStateConflictException when the task is in any other state
     * @throws UniqueKeyConflictException when its unique key is now held by another unfinished task
     */
    Optional<Task> taskRetry(String id, Instant now, String actor);

    /**
     * Soft-deletes a task (its unique key is released with it) and appends a {@code DELETED}
     * event. A RUNNING task is deleted only with {@code force}: it is then CANCELLED in the same
     * statement, listeners hear {@code cancelRequested}, and its worker, finding the lease gone at
     * its next renewal at the latest, stops the handler.
     *
     * @return the task as it was before, or empty when there is no such task
     * @throws TaskStateConflictException when the task is RUNNING and {@code force} is false
     */
    Optional<Task> taskDelete(String id, boolean force, Instant now, String actor);

    // ---- the worker side --------------------------------------------------------------------------

    /**
     * Claims up to {@code max} QUEUED tasks of the given queues in one statement, highest priority
     * first, then earliest {@code runAt}, then id. Each becomes RUNNING with {@code attempt + 1},
     * the worker's id, the lease, {@code startedAt = now} and a {@code STARTED} event. Concurrent
     * claimers never get the same task. Queue settings hold across every claimer: nothing is
     * claimed from a paused queue, a queue's RUNNING tasks never exceed its concurrency limit, and
     * its starts never exceed its rate (a token bucket holding at most {@code max(1, rate / 5)}
     * tokens, so no one-second window sees more than {@code rate + max(1, rate / 5)} starts).
     *
     * @return the claimed tasks in claim order
     */
    List<Task> taskClaim(ClaimParams params);

    /**
     * Extends the lease of every task RUNNING for {@code workerId} to {@code leaseUntil}, in one
     * statement, and records the worker's heartbeat if it is registered.
     *
     * @return the tasks the worker still holds; a task it runs but that is missing here was taken
     *     from it (rescued after its lease expired, or deleted)
     */
    List<HeldTask> taskLeaseRenewMany(String workerId, Instant now, Instant leaseUntil);

    /** Extends the lease of one attempt (remote workers); empty when the worker no longer holds it. */
    Optional<HeldTask> taskLeaseRenewIfRunning(
            String taskId, int attempt, String workerId, Instant now, Instant leaseUntil);

    /**
     * Applies attempt outcomes in one transaction, each guarded as described on {@link
     * AttemptOutcome}. Listeners hear {@code taskQueued} for released tasks.
     *
     * @return for each outcome in input order, whether it was applied
     */
    List<Boolean> taskSetOutcomeIfRunningMany(List<AttemptOutcome> outcomes);

    /** Stores progress of running attempts; reports for attempts no longer running are ignored. */
    void taskProgressSetIfRunningMany(List<ProgressUpdate> updates);

    /** Appends log lines (their {@code seq} is ignored and assigned by the store, increasing). */
    void taskLogAppendMany(List<TaskLogLine> lines);

    /** Lines of a task with {@code seq > afterSeq}, oldest first, at most {@code limit}. */
    LogPage taskLogList(String taskId, long afterSeq, int limit);

    /**
     * Appends log lines of one attempt only while that attempt is RUNNING for {@code workerId} (the
     * remote-worker API); false, and nothing written, otherwise. The lines are stored under {@code
     * taskId} and {@code attempt} whatever their own fields say; an empty list only answers whether
     * the attempt is held. The check and the insert are one transaction: an outcome ending the
     * attempt concurrently either refuses the lines or comes after them.
     */
    boolean taskLogAppendIfRunning(String taskId, int attempt, String workerId, List<TaskLogLine> lines);

    /**
     * Stores one attempt's progress while it is RUNNING for {@code workerId} (the update's own task id
     * and attempt are not used); false, and nothing written, otherwise.
     */
    boolean taskProgressSetIfRunning(String taskId, int attempt, String workerId, ProgressUpdate update);

    // ---- queues -----------------------------------------------------------------------------------

    /**
     * Every queue that has tasks in a non-finished state, FAILED tasks, or stored settings, by name,
     * with live counts and the age of its oldest QUEUED task at {@code now}. Counts are of the tasks
     * of {@code tenantId}, or of every tenant's when it is null; queue settings are shared by all
     * tenants.
     */
    List<QueueStats> queueStatsList(String tenantId, Instant now);

    /** Stored settings of every queue that has any; queues without are unpaused and unlimited. */
    List<QueueSettings> queueSettingsList();

    /** Creates or changes a queue's settings (see {@link QueuePatch}); returns them as stored. */
    QueueSettings queueSettingsUpdate(String queue, QueuePatch patch, Instant now);

    /**
     * Puts every FAILED task of the queue back, as {@link #taskRetry} does for one, skipping tasks
     * whose unique key is now held by another task. Only the tasks of {@code tenantId}, or every
     * tenant's when it is null.
     *
     * @return how many were queued again
     */
    int taskRetryFailedInQueue(String tenantId, String queue, Instant now, String actor);

    /** Ids of RUNNING tasks by the worker that runs them. */
    java.util.Map<String, List<String>> taskRunningByWorker();

    /**
     * Counts, throughput and durations for monitoring, over {@code [since, now]} (see {@link
     * TaskStats}). The work is bounded by the window, not by the history: finished tasks are found
     * by {@code finishedAt}, and percentiles read at most a fixed number of the newest of them.
     *
     * @param tenantId the tenant whose tasks count, or null for every tenant's
     * @throws IllegalArgumentException when {@code since} is after {@code now} or the window is
     *     longer than 7 days
     */
    TaskStats taskStats(String tenantId, Instant since, Instant now);

    // ---- the change feed --------------------------------------------------------------------------

    /** The id of the newest task event (0 when there is none): where a feed of what happens next starts. */
    long taskEventLatestId();

    /**
     * Status changes of undeleted tasks recorded after event {@code afterEventId}, in event order:
     * the events whose status before and after differ (a creation counts, from null), each with the
     * task as it is now. At most {@code limit} events are examined, status changes or not, so a page
     * costs the same however few of them are status changes; a page stops early at a gap in the
     * event ids that may still fill (see {@link TaskChangePage.Gap}).
     */
    TaskChangePage taskChangesAfter(long afterEventId, int limit);

    // ---- maintenance (run by the leader) ----------------------------------------------------------

    /**
     * Moves SCHEDULED and RETRYING tasks whose {@code runAt <= now} to QUEUED (at most {@code
     * limit}, earliest first), with a {@code QUEUED} event each; listeners hear {@code taskQueued}.
     */
    PromoteResult taskPromoteDue(Instant now, int limit);

    /** The earliest {@code runAt} of any SCHEDULED or RETRYING task. */
    Optional<Instant> taskNextDueAt();

    /**
     * Takes back RUNNING tasks whose lease expired before {@code now} (at most {@code limit}):
     * QUEUED at once when attempts remain, FAILED when they are used up, CANCELLED when a cancel
     * was requested; each with a {@code LEASE_EXPIRED} event carrying a {@code LeaseExpired}
     * error, and the error stored on the task.
     *
     * @return the tasks as they are after the rescue
     */
    List<Task> taskRescueExpired(Instant now, int limit);

    /**
     * Retention: removes old finished tasks for good, with their events, log lines and tags (at
     * most {@code limit}, oldest first). Tasks that are not finished are never removed.
     *
     * @param finishedBefore SUCCEEDED and CANCELLED tasks finished before this, and soft-deleted
     *     tasks deleted before it, are removed; null keeps them
     * @param failedBefore FAILED tasks that failed before this are removed; null keeps them
     * @return how many tasks were removed
     */
    int taskPurgeFinished(Instant finishedBefore, Instant failedBefore, int limit);

    /** Registers a worker or updates its row (heartbeat, busy slots, status). */
    void workerUpsert(WorkerRecord worker);

    List<WorkerRecord> workerList();

    /** Marks ACTIVE workers whose last heartbeat is before {@code heartbeatBefore} as LOST. */
    int workerMarkLost(Instant heartbeatBefore, Instant now);

    /**
     * Forgets STOPPED and LOST workers whose last heartbeat is before {@code heartbeatBefore}, so
     * the registry does not grow with every restart. ACTIVE workers are never removed.
     *
     * @return how many were removed
     */
    int workerDeleteInactive(Instant heartbeatBefore);

    /**
     * Takes or extends the named leadership until {@code until} if it is free, expired, or
     * already held by {@code holder}. Exactly one holder wins a race.
     */
    boolean leaderTryAcquire(String name, String holder, Instant now, Instant until);

    /** Gives up leadership if {@code holder} has it. */
    void leaderRelease(String name, String holder);

    // ---- tags -------------------------------------------------------------------------------------

    // Each tenant has its own tags; the same name in two tenants is two tags.

    /** All tags of the tenant, by name, with how many of its undeleted tasks carry each. */
    List<Tag> tagList(String tenantId);

    /** @throws TagExistsException when the name is taken in the tenant */
    Tag tagCreate(String tenantId, String name, String color, Instant now);

    /** @return the changed tag, or empty when the tenant has none of that name */
    Optional<Tag> tagUpdate(String tenantId, String name, String color);

    /** Deletes a tenant's tag and removes it from every task of the tenant; false when there was none. */
    boolean tagDelete(String tenantId, String name);

    // ---- wake-ups ---------------------------------------------------------------------------------

    /**
     * Listens for changes committed through this store object, and through other processes where
     * the database can tell (PostgreSQL LISTEN/NOTIFY). Closing the returned handle stops it.
     */
    AutoCloseable subscribe(StoreListener listener);

    /** True when {@link #subscribe} also hears other processes; otherwise workers must poll. */
    boolean hearsOtherProcesses();

    @Override
    void close();
}
