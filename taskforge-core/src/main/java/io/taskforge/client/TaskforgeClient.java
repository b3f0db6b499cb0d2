package io.taskforge.client;

import io.taskforge.event.EngineListener;
import io.taskforge.json.JsonCodec;
import io.taskforge.store.Inserted;
import io.taskforge.store.TaskStore;
import io.taskforge.task.LogPage;
import io.taskforge.task.NewTask;
import io.taskforge.task.Tag;
import io.taskforge.task.Task;
import io.taskforge.task.TaskEvent;
import io.taskforge.task.TaskIds;
import io.taskforge.task.TaskPage;
import io.taskforge.task.TaskPatch;
import io.taskforge.task.TaskQuery;
import io.taskforge.task.TaskStatus;
import io.taskforge.time.Millis;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Java API for submitting and managing tasks: what the REST API, the CLI and embedding
 * applications call. It checks every input against {@link TaskLimits}, fills in the defaults,
 * and hands fully formed tasks to the store, which wakes idle workers.
 *
 * <p>Every call has a form that names the tenant it acts in (the REST API uses those: a task of
 * another tenant is answered as a missing one) and a form without, which acts in {@link
 * TaskDefaults#tenantId()} for submissions and on any tenant's task for the rest, as an embedding
 * application with one tenant expects.
 *
 * <p>Thread-safe; one instance serves a whole process.
 */
public final class TaskforgeClient {
    private static final int MAX_LOG_PAGE = 1000;
    /**
     * Transactions of single submissions running at once. Two let one group be written while the
     * previous one waits for its commit to reach the disk.
     */
    private static final int SUBMIT_WRITERS = 2;
    /** The most single submissions one transaction takes. */
    private static final int SUBMIT_GROUP = 256;

    private final TaskStore store;
    private final JsonCodec json;
    private final Clock clock;
    private final TaskDefaults defaults;
    private final NewTaskValidator validator;
    private final EngineListener listener;
    private final GroupCommit singles;

    public TaskforgeClient(TaskStore store, JsonCodec json, Clock clock, TaskDefaults defaults) {
        this(store, json, clock, defaults, EngineListener.NONE);
    }

    public TaskforgeClient(
            TaskStore store, JsonCodec json, Clock clock, TaskDefaults defaults, EngineListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.store = Objects.requireNonNull(store, "store");
        this.json = Objects.requireNonNull(json, "json");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.validator = new NewTaskValidator(defaults, json);
        this.singles = new GroupCommit(store, SUBMIT_WRITERS, SUBMIT_GROUP);
    }

    public TaskDefaults defaults() {
        return defaults;
    }

    /**
     * Submits one task.
     *
     * @throws TaskValidationException when a field is out of bounds; nothing is written
     * @throws PayloadTooLargeException when the payload is over the limit
     * @throws io.taskforge.store.UniqueKeyConflictException when the unique key is held
     */
    public Task submit(NewTask task) {
        return submitAll(List.of(task), "").getFirst().task();
    }

    /** Submits a task of {@code type} whose payload is {@code payload} encoded as JSON. */
    public Task submit(String type, Object payload) {
        return submit(NewTask.ofType(type).payload(json.write(payload)).build());
    }

    /** Submits tasks all or nothing (at most {@link TaskDefaults#maxBatchSize()}). */
    public List<Task> submitMany(List<NewTask> tasks) {
        return submitAll(tasks, "tasks").stream().map(Inserted::task).toList();
    }

    /**
     * Like {@link #submitMany} but also says which tasks were created now and which were returned
     * for an idempotency key used before. {@code field} names the list in error messages.
     */
    public List<Inserted> submitAll(List<NewTask> tasks, String field) {
        return submitAll(defaults.tenantId(), tasks, field);
    }

    /** Like {@link #submitAll(List, String)}, the tasks stored in {@code tenantId}. */
    public List<Inserted> submitAll(String tenantId, List<NewTask> tasks, String field) {
        Objects.requireNonNull(tenantId, "tenantId");
        if (tasks == null || tasks.isEmpty()) {
            throw new TaskValidationException(field.isEmpty() ? "body" : field, "needs at least one task");
        }
        if (tasks.size() > defaults.maxBatchSize()) {
            throw new TaskValidationException(field, "at most " + defaults.maxBatchSize() + " tasks per batch");
        }
        boolean single = field.isEmpty();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            String prefix = single ? "" : field + "[" + i + "].";
            validator.checkSize(tasks.get(i), prefix);
            errors.addAll(validator.validate(tasks.get(i), prefix));
        }
        var keys = new HashSet<String>();
        for (int i = 0; i < tasks.size(); i++) {
            NewTask t = tasks.get(i);
            if (t != null && t.idempotencyKey() != null && !keys.add(t.idempotencyKey())) {
                errors.add(new FieldError(field + "[" + i + "].idempotencyKey", "is repeated in the batch"));
            }
        }
        if (!errors.isEmpty()) {
            throw new TaskValidationException(errors);
        }
        Instant now = now();
        List<Task> rows = new ArrayList<>(tasks.size());
        for (NewTask t : tasks) {
            rows.add(toRow(tenantId, t, now));
        }
        // A single task shares its transaction with other callers' single tasks (see GroupCommit);
        // a batch is a transaction of its own, all or nothing.
        List<Inserted> inserted =
                rows.size() == 1 ? List.of(singles.submit(rows.getFirst())) : store.taskInsertMany(rows);
        List<Task> created =
                inserted.stream().filter(Inserted::created).map(Inserted::task).toList();
        if (!created.isEmpty()) {
            try {
                listener.tasksSubmitted(created);
            } catch (RuntimeException e) {
                // Metrics must never fail a submission that is already stored.
            }
        }
        return inserted;
    }

    /**
     * Checks a task and makes the row {@link #submit} would store, without storing it: for callers
     * that insert the task together with rows of their own in one transaction (a schedule's fire).
     *
     * @param fieldPrefix put before the field names of errors ({@code "task."}), or empty
     * @throws TaskValidationException when a field is out of bounds
     * @throws PayloadTooLargeException when the payload is over the limit
     */
    public Task prepare(NewTask task, String fieldPrefix) {
        return prepare(defaults.tenantId(), task, fieldPrefix);
    }

    /** Like {@link #prepare(NewTask, String)}, the task made for {@code tenantId}. */
    public Task prepare(String tenantId, NewTask task, String fieldPrefix) {
        Objects.requireNonNull(tenantId, "tenantId");
        validator.checkSize(task, fieldPrefix);
        List<FieldError> errors = validator.validate(task, fieldPrefix);
        if (!errors.isEmpty()) {
            throw new TaskValidationException(errors);
        }
        return toRow(tenantId, task, now());
    }

    public Optional<Task> get(String id) {
        return store.taskGet(id);
    }

    /**
     * The task if it belongs to {@code tenantId}. A task's tenant never changes, so a check made
     * here holds for a change made after it.
     */
    public Optional<Task> get(String tenantId, String id) {
        return store.taskGet(id).filter(t -> t.tenantId().equals(tenantId));
    }

    public TaskPage list(TaskQuery query) {
        return store.taskList(query);
    }

    /** Lists the tasks of {@code tenantId} only, whatever tenant the query names. */
    public TaskPage list(String tenantId, TaskQuery query) {
        return store.taskList(query.inTenant(Objects.requireNonNull(tenantId, "tenantId")));
    }

    /** {@link #update(String, TaskPatch, String)} of a task of {@code tenantId}; empty for any other. */
    public Optional<Task> update(String tenantId, String id, TaskPatch patch, String actor) {
        List<FieldError> errors = validator.validate(patch);
        if (!errors.isEmpty()) {
            throw new TaskValidationException(errors);
        }
        return get(tenantId, id).flatMap(t -> update(id, patch, actor));
    }

    /** {@link #cancel(String, String)} of a task of {@code tenantId}; empty for any other. */
    public Optional<Task> cancel(String tenantId, String id, String actor) {
        return get(tenantId, id).flatMap(t -> cancel(id, actor));
    }

    /** {@link #retry(String, String)} of a task of {@code tenantId}; empty for any other. */
    public Optional<Task> retry(String tenantId, String id, String actor) {
        return get(tenantId, id).flatMap(t -> retry(id, actor));
    }

    /** {@link #delete(String, boolean, String)} of a task of {@code tenantId}; empty for any other. */
    public Optional<Task> delete(String tenantId, String id, boolean force, String actor) {
        return get(tenantId, id).flatMap(t -> delete(id, force, actor));
    }

    /** The history of a task of {@code tenantId}; empty for any other. */
    public Optional<List<TaskEvent>> events(String tenantId, String id) {
        return get(tenantId, id).map(t -> store.taskEventList(id));
    }

    /** Log lines of a task of {@code tenantId}; empty for any other. */
    public Optional<LogPage> logs(String tenantId, String id, long afterSeq, int limit) {
        checkLogPage(afterSeq, limit);
        return get(tenantId, id).map(t -> store.taskLogList(id, afterSeq, limit));
    }

    /** @throws TaskValidationException when a field is out of bounds */
    public Optional<Task> update(String id, TaskPatch patch, String actor) {
        List<FieldError> errors = validator.validate(patch);
        if (!errors.isEmpty()) {
            throw new TaskValidationException(errors);
        }
        if (patch.isEmpty()) {
            return store.taskGet(id);
        }
        return store.taskUpdate(id, patch, now(), Actors.orApi(actor));
    }

    /**
     * Cancels a waiting task at once, or asks the worker running it to stop.
     *
     * @throws io.taskforge.store.TaskStateConflictException when it has already finished
     */
    public Optional<Task> cancel(String id) {
        return cancel(id, null);
    }

    public Optional<Task> cancel(String id, String actor) {
        return store.taskCancel(id, now(), Actors.orApi(actor));
    }

    /**
     * Queues a FAILED or CANCELLED task again with one more attempt.
     *
     * @throws io.taskforge.store.TaskStateConflictException for tasks in any other state
     */
    public Optional<Task> retry(String id) {
        return retry(id, null);
    }

    public Optional<Task> retry(String id, String actor) {
        return store.taskRetry(id, now(), Actors.orApi(actor));
    }

    /**
     * Soft-deletes a task; a running one only with {@code force}, which cancels it.
     *
     * @throws io.taskforge.store.TaskStateConflictException when it runs and force is false
     */
    public Optional<Task> delete(String id, boolean force, String actor) {
        return store.taskDelete(id, force, now(), Actors.orApi(actor));
    }

    /** The task's history, or empty when there is no such task. */
    public Optional<List<TaskEvent>> events(String id) {
        if (store.taskGet(id).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(store.taskEventList(id));
    }

    /** Log lines after {@code afterSeq}; empty when there is no such task. */
    public Optional<LogPage> logs(String id, long afterSeq, int limit) {
        checkLogPage(afterSeq, limit);
        if (store.taskGet(id).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(store.taskLogList(id, afterSeq, limit));
    }

    private static void checkLogPage(long afterSeq, int limit) {
        if (limit < 1 || limit > MAX_LOG_PAGE) {
            throw new TaskValidationException("limit", "must be between 1 and " + MAX_LOG_PAGE);
        }
        if (afterSeq < 0) {
            throw new TaskValidationException("after", "must not be negative");
        }
    }

    // ---- tags ---------------------------------------------------------------------------------------

    // The forms without a tenant act in TaskDefaults#tenantId().

    public List<Tag> tags() {
        return tags(defaults.tenantId());
    }

    public List<Tag> tags(String tenantId) {
        return store.tagList(tenantId);
    }

    /** @throws io.taskforge.store.TagExistsException when the name is taken */
    public Tag createTag(String name, String color) {
        return createTag(defaults.tenantId(), name, color);
    }

    /** @throws io.taskforge.store.TagExistsException when the name is taken in the tenant */
    public Tag createTag(String tenantId, String name, String color) {
        checkTag(name, color);
        return store.tagCreate(tenantId, name, color, now());
    }

    public Optional<Tag> updateTag(String name, String color) {
        return updateTag(defaults.tenantId(), name, color);
    }

    public Optional<Tag> updateTag(String tenantId, String name, String color) {
        checkColor(color);
        return store.tagUpdate(tenantId, name, color);
    }

    public boolean deleteTag(String name) {
        return deleteTag(defaults.tenantId(), name);
    }

    public boolean deleteTag(String tenantId, String name) {
        return store.tagDelete(tenantId, name);
    }

    private void checkTag(String name, String color) {
        List<FieldError> errors = new ArrayList<>();
        if (name == null) {
            errors.add(new FieldError("name", "is required"));
        } else {
            NewTaskValidator.tags(errors, "name", List.of(name));
            errors.replaceAll(e -> new FieldError("name", e.message()));
        }
        if (!errors.isEmpty()) {
            throw new TaskValidationException(errors);
        }
        checkColor(color);
    }

    private static void checkColor(String color) {
        if (color != null && !TaskLimits.COLOR.matcher(color).matches()) {
            throw new TaskValidationException("color", "must be a colour like #1e88e5");
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private Task toRow(String tenantId, NewTask t, Instant now) {
        Instant runAt = now;
        if (t.runAt() != null) {
            runAt = t.runAt().truncatedTo(ChronoUnit.MILLIS);
        } else if (t.delay() != null) {
            runAt = now.plus(t.delay()).truncatedTo(ChronoUnit.MILLIS);
        }
        TaskStatus status = runAt.isAfter(now) ? TaskStatus.SCHEDULED : TaskStatus.QUEUED;
        if (status == TaskStatus.QUEUED) {
            runAt = now; // a runAt in the past queues now, in submission order
        }
        return new Task(
                TaskIds.next(now.toEpochMilli()),
                tenantId,
                t.type(),
                t.title(),
                t.description(),
                t.payload(),
                t.queue() == null ? defaults.queue() : t.queue(),
                t.priority() == null ? defaults.priority() : t.priority(),
                status,
                t.tags(),
                0,
                t.maxAttempts() == null ? defaults.maxAttempts() : t.maxAttempts(),
                t.timeoutSeconds() == null ? defaults.timeoutSeconds() : t.timeoutSeconds(),
                runAt,
                null,
                null,
                null,
                null,
                null,
                t.uniqueKey(),
                t.idempotencyKey(),
                t.owner(),
                null,
                null,
                t.traceParent(),
                false,
                now,
                now,
                null,
                null);
    }

    private Instant now() {
        return Millis.now(clock);
    }
}
