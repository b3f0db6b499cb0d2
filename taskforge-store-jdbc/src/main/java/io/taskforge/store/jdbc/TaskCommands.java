package io.taskforge.store.jdbc;

import io.taskforge.jdbc.JdbcRunner;
import io.taskforge.store.StoreException;
import io.taskforge.store.TaskStateConflictException;
import io.taskforge.store.UniqueKeyConflictException;
import io.taskforge.store.jdbc.dialect.Dialect;
import io.taskforge.task.Task;
import io.taskforge.task.TaskEvent;
import io.taskforge.task.TaskEventType;
import io.taskforge.task.TaskPatch;
import io.taskforge.task.TaskStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What people do to one task: edit, cancel, retry, delete. Each reads the task locked, decides
 * in Java from its state, and writes a guarded UPDATE plus its event in the same transaction.
 */
final class TaskCommands {
    private final StoreDb db;
    private final Dialect d;
    private final TaskRows rows;
    private final Events events;
    private final Tags tags;
    private final PipelineAdvance pipelines;

    TaskCommands(StoreDb db, TaskRows rows, Events events, Tags tags, PipelineAdvance pipelines) {
        this.db = db;
        this.d = db.dialect();
        this.rows = rows;
        this.events = events;
        this.tags = tags;
        this.pipelines = pipelines;
    }

    Optional<Task> update(String id, TaskPatch patch, Instant now, String actor) {
        return db.write("update task", (c, scope) -> {
            Optional<Task> found = rows.find(c, id, true);
            if (found.isEmpty() || patch.isEmpty()) {
                return found;
            }
            Task task = found.get();
            List<String> changed = new ArrayList<>();
            StringBuilder sql = new StringBuilder("UPDATE tf_task SET updated_at = ?");
            Args args = db.args().instant(now);
            if (patch.title() != null) {
                sql.append(", title = ?");
                args.text(patch.title());
                changed.add("title");
            }
            if (patch.description() != null) {
                sql.append(", description = ?");
                args.text(patch.description());
                changed.add("description");
            }
            if (patch.priority() != null) {
                sql.append(", priority = ?");
                args.integer(patch.priority().rank());
                changed.add("priority");
            }
            sql.append(" WHERE id = ?");
            JdbcRunner.update(c, sql.toString(), args.id(id));
            if (patch.tags() != null) {
                tags.replace(c, id, task.tenantId(), patch.tags(), now);
                changed.add("tags");
            }
            events.append(
                    c,
                    new TaskEvent(
                            id,
                            now,
                            TaskEventType.UPDATED,
                            null,
                            null,
                            task.attempt(),
                            "changed " + String.join(", ", changed),
                            null,
                            actor));
            return rows.find(c, id, false);
        });
    }

    Optional<Task> cancel(String id, Instant now, String actor) {
        return db.write("cancel task", (c, scope) -> {
            Optional<Task> found = rows.find(c, id, true);
            if (found.isEmpty()) {
                return found;
            }
            Task task = found.get();
            TaskStatus status = task.status();
            if (status.isFinished()) {
                throw new TaskStateConflictException(task, "task " + id + " has already finished: " + status);
            }
            if (status.isWaiting()) {
                setStatus(
                        c,
                        id,
                        status,
                        "status = 'CANCELLED', finished_at = ?, updated_at = ?",
                        db.args().instant(now).instant(now));
                events.append(
                        c,
                        new TaskEvent(
                                id,
                                now,
                                TaskEventType.CANCELLED,
                                status,
                                TaskStatus.CANCELLED,
                                task.attempt(),
                                null,
                                null,
                                actor));
                if (task.pipelineRunId() != null) {
                    pipelines.advance(c, scope, List.of(task.pipelineRunId()), now);
                }
            } else if (!task.cancelRequested()) {
                setStatus(
                        c,
                        id,
                        status,
                        "cancel_requested = TRUE, updated_at = ?",
                        db.args().instant(now));
                events.append(
                        c,
                        new TaskEvent(
                                id,
                                now,
                                TaskEventType.CANCEL_REQUESTED,
                                null,
                                null,
                                task.attempt(),
                                "the worker is asked to stop",
                                null,
                                actor));
                scope.cancelRequested(id);
            }
            return rows.find(c, id, false);
        });
    }

    Optional<Task> retry(String id, Instant now, String actor) {
        return db.write(
                "retry task",
                (c, scope) -> {
                    Optional<Task> found = rows.find(c, id, true);
                    if (found.isEmpty()) {
                        return found;
                    }
                    Task task = found.get();
                    TaskStatus status = task.status();
                    if (status != TaskStatus.FAILED && status != TaskStatus.CANCELLED) {
                        throw new TaskStateConflictException(
                                task, "only FAILED or CANCELLED tasks can be retried; task " + id + " is " + status);
                    }
                    if (task.uniqueKey() != null) {
                        Optional<String> holder = uniqueKeyHolder(c, task);
                        if (holder.isPresent()) {
                            throw new UniqueKeyConflictException(task.uniqueKey(), holder.get());
                        }
                    }
                    setStatus(
                            c,
                            id,
                            status,
                            "status = 'QUEUED', run_at = ?, lease_until = NULL, finished_at = NULL,"
                                    + " cancel_requested = FALSE, updated_at = ?,"
                                    + " max_attempts = CASE WHEN max_attempts > attempt THEN max_attempts"
                                    + " ELSE attempt + 1 END",
                            db.args().instant(now).instant(now));
                    events.append(
                            c,
                            new TaskEvent(
                                    id,
                                    now,
                                    TaskEventType.RETRIED,
                                    status,
                                    TaskStatus.QUEUED,
                                    task.attempt(),
                                    null,
                                    null,
                                    actor));
                    scope.queued(task.queue());
                    return rows.find(c, id, false);
                },
                e -> {
                    if (!e.mentions("unique_key")) {
                        return new StoreException("retry task failed", e);
                    }
                    // Another task took the key between the look-up and the update.
                    Optional<Task> task = db.read("look up task", c -> rows.find(c, id, false));
                    String key = task.map(Task::uniqueKey).orElse(null);
                    String holder = task.isEmpty()
                            ? null
                            : db.read("look up unique key holder", c -> uniqueKeyHolder(c, task.get()))
                                    .orElse(null);
                    return new UniqueKeyConflictException(key, holder);
                });
    }

    Optional<Task> delete(String id, boolean force, Instant now, String actor) {
        return db.write("delete task", (c, scope) -> {
            Optional<Task> found = rows.find(c, id, true);
            if (found.isEmpty()) {
                return found;
            }
            Task task = found.get();
            TaskStatus status = task.status();
            if (status == TaskStatus.RUNNING) {
                if (!force) {
                    throw new TaskStateConflictException(
                            task, "task " + id + " is running; delete it with force to cancel it");
                }
                setStatus(
                        c,
                        id,
                        status,
                        "status = 'CANCELLED', cancel_requested = TRUE, lease_until = NULL,"
                                + " finished_at = ?, deleted_at = ?, updated_at = ?",
                        db.args().instant(now).instant(now).instant(now));
                events.append(
                        c,
                        new TaskEvent(
                                id,
                                now,
                                TaskEventType.DELETED,
                                status,
                                TaskStatus.CANCELLED,
                                task.attempt(),
                                "deleted while running: cancelled",
                                null,
                                actor));
                scope.cancelRequested(id);
            } else {
                setStatus(
                        c,
                        id,
                        status,
                        "deleted_at = ?, updated_at = ?",
                        db.args().instant(now).instant(now));
                events.append(
                        c,
                        new TaskEvent(id, now, TaskEventType.DELETED, null, null, task.attempt(), null, null, actor));
            }
            if (task.pipelineRunId() != null) {
                // The run no longer waits for a deleted step (it counts as cancelled).
                pipelines.advance(c, scope, List.of(task.pipelineRunId()), now);
            }
            return found;
        });
    }

    /**
     * The locked row cannot change under us; the status guard still makes a broken lock show up
     * as an error rather than as a silent overwrite.
     */
    private void setStatus(Connection c, String id, TaskStatus expected, String assignments, Args args)
            throws SQLException {
        int changed = JdbcRunner.update(
                c,
                "UPDATE tf_task SET " + assignments + " WHERE id = ? AND status = ? AND deleted_at IS NULL",
                args.id(id).text(expected.name()));
        if (changed != 1) {
            throw new IllegalStateException("task " + id + " changed under a row lock (" + changed + " rows)");
        }
    }

    private Optional<String> uniqueKeyHolder(Connection c, Task task) throws SQLException {
        return JdbcRunner.queryFirst(
                c,
                "SELECT id FROM tf_task WHERE tenant_id = ? AND unique_key = ? AND id <> ? AND status NOT IN "
                        + TaskRows.FINISHED + " AND deleted_at IS NULL",
                db.args().text(task.tenantId()).text(task.uniqueKey()).id(task.id()),
                rs -> d.readId(rs, "id"));
    }
}
