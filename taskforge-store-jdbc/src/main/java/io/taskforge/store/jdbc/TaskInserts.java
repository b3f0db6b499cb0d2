package io.taskforge.store.jdbc;

import io.taskforge.jdbc.JdbcException;
import io.taskforge.jdbc.JdbcRunner;
import io.taskforge.jdbc.SqlErrors;
import io.taskforge.jdbc.TransientJdbcException;
import io.taskforge.jdbc.UniqueViolationException;
import io.taskforge.store.InsertOutcome;
import io.taskforge.store.Inserted;
import io.taskforge.store.StoreException;
import io.taskforge.store.UniqueKeyConflictException;
import io.taskforge.store.jdbc.dialect.Dialect;
import io.taskforge.store.jdbc.dialect.RowSink;
import io.taskforge.task.Task;
import io.taskforge.task.TaskEvent;
import io.taskforge.task.TaskEventType;
import io.taskforge.task.TaskStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Inserting tasks, all or nothing, with the two kinds of keys.
 *
 * <p>An idempotency key names one task forever: a task whose key is taken returns the stored
 * task instead. The look-up and the insert are not atomic on PostgreSQL, so two submitters can
 * both miss and both insert; the loser hits the unique index, rolls back, and runs once more,
 * now finding the winner's task.
 *
 * <p>A unique key is held while its task is unfinished. Holders are looked up before writing, so
 * the common conflict names its holder; a holder that commits in between is caught by the
 * unique index and looked up after the rollback.
 */
final class TaskInserts {
    private final StoreDb db;
    private final Dialect d;
    private final TaskRows rows;
    private final Events events;
    private final Tags tags;

    TaskInserts(StoreDb db, TaskRows rows, Events events, Tags tags) {
        this.db = db;
        this.d = db.dialect();
        this.rows = rows;
        this.events = events;
        this.tags = tags;
    }

    private record Key(String tenantId, String key) {}

    List<Inserted> insertMany(List<Task> input) {
        if (input.isEmpty()) {
            return List.of();
        }
        List<Task> tasks =
                input.stream().map(t -> t.withTags(Tags.distinct(t.tags()))).toList();
        if (tasks.size() == 1) {
            Optional<List<Inserted>> alone = insertAlone(tasks.getFirst());
            if (alone.isPresent()) {
                return alone.get();
            }
        }
        try {
            return db.write("insert tasks", (c, scope) -> insert(c, scope, tasks), e -> e);
        } catch (UniqueViolationException e) {
            if (!e.mentions("idempotency_key")) {
                throw uniqueKeyConflict(tasks, e);
            }
            // Lost a race on an idempotency key: the winner's task is visible now.
            return db.write(
                    "insert tasks", (c, scope) -> insert(c, scope, tasks), again -> uniqueKeyConflict(tasks, again));
        }
    }

    /**
     * A single task with nothing to look up or attach first (no tags, no unique or idempotency
     * key) as one auto-committed statement where the database allows; empty otherwise.
     */
    private Optional<List<Inserted>> insertAlone(Task t) {
        if (!t.tags().isEmpty() || t.uniqueKey() != null || t.idempotencyKey() != null) {
            return Optional.empty();
        }
        boolean queued = t.status() == TaskStatus.QUEUED;
        Optional<String> sql = d.insertTaskAloneSql(TaskRows.COLUMNS, TaskEventType.CREATED.wireName(), queued);
        if (sql.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(db.writeOneStatement(
                "insert task",
                (c, scope) -> {
                    try (PreparedStatement ps = c.prepareStatement(sql.get())) {
                        int i = d.bindRow(ps, t, TaskInserts::writeTask);
                        d.instant().bind(ps, ++i, t.createdAt());
                        ps.setString(++i, t.status().name());
                        ps.setInt(++i, t.attempt());
                        ps.setString(++i, t.owner());
                        if (queued) {
                            ps.setString(++i, t.queue());
                        }
                        ps.executeQuery().close();
                    }
                    if (queued) {
                        scope.queued(t.queue());
                    }
                    return List.of(new Inserted(t, true));
                },
                e -> new StoreException("insert task failed", e)));
    }

    /**
     * Independent tasks in one transaction (see {@link io.taskforge.store.TaskStore#taskInsertEach}).
     * The common case, nothing refused, is one bulk insert like {@link #insertMany}. When that fails
     * it is rolled back to a savepoint, and the tasks go in one by one, each under a savepoint of
     * its own, so that a refused task takes nothing else with it. Errors that concern the whole
     * transaction (a deadlock or serialization failure, a lost connection) leave this method and
     * fail or retry all of them together.
     */
    List<InsertOutcome> insertEach(List<Task> input) {
        if (input.isEmpty()) {
            return List.of();
        }
        if (input.size() == 1) {
            // Alone, the task's errors are the transaction's: no savepoint needed to tell them apart.
            try {
                return List.of(InsertOutcome.of(insertMany(input).getFirst()));
            } catch (UniqueKeyConflictException e) {
                return List.of(InsertOutcome.failed(e));
            }
        }
        List<Task> tasks =
                input.stream().map(t -> t.withTags(Tags.distinct(t.tags()))).toList();
        return db.write("insert tasks", (c, scope) -> {
            Savepoint all = c.setSavepoint();
            try {
                return insert(c, scope, tasks).stream().map(InsertOutcome::of).toList();
            } catch (UniqueKeyConflictException e) {
                c.rollback(all);
            } catch (SQLException e) {
                c.rollback(all);
                rethrowIfTransient(e);
            }
            List<InsertOutcome> outcomes = new ArrayList<>(tasks.size());
            for (Task t : tasks) {
                outcomes.add(insertAlone(c, scope, t));
            }
            return outcomes;
        });
    }

    /** One task under a savepoint: written, or rolled back with the error it would have alone. */
    private InsertOutcome insertAlone(Connection c, TxScope scope, Task t) throws SQLException {
        // At most two tries: the second only after losing a race on an idempotency key.
        for (int attempt = 1; ; attempt++) {
            Savepoint one = c.setSavepoint();
            try {
                Inserted inserted = insert(c, scope, List.of(t)).getFirst();
                c.releaseSavepoint(one);
                return InsertOutcome.of(inserted);
            } catch (UniqueKeyConflictException e) {
                c.rollback(one);
                return InsertOutcome.failed(e);
            } catch (SQLException e) {
                c.rollback(one);
                rethrowIfTransient(e);
                JdbcException error = SqlErrors.translate("insert task", e);
                if (error instanceof UniqueViolationException unique) {
                    if (unique.mentions("idempotency_key") && attempt == 1) {
                        continue; // the winner's task is visible now
                    }
                    return InsertOutcome.failed(uniqueKeyConflict(c, List.of(t), unique));
                }
                return InsertOutcome.failed(new StoreException("insert tasks failed", error));
            }
        }
    }

    private static void rethrowIfTransient(SQLException e) throws SQLException {
        if (SqlErrors.translate("insert tasks", e) instanceof TransientJdbcException) {
            throw e;
        }
    }

    /**
     * Inserts tasks inside a transaction someone else runs (a schedule's fire, stored with its
     * task), exactly as {@link #insertMany} would: a stored task with the same idempotency key is
     * returned in place of a new one, a held unique key throws {@link UniqueKeyConflictException}.
     */
    List<Inserted> insertWithin(Connection c, TxScope scope, List<Task> input) throws SQLException {
        return insert(
                c,
                scope,
                input.stream().map(t -> t.withTags(Tags.distinct(t.tags()))).toList());
    }

    private List<Inserted> insert(Connection c, TxScope scope, List<Task> tasks) throws SQLException {
        Map<Key, Task> stored = storedByIdempotencyKey(c, tasks);
        Map<Key, Task> firstInBatch = new HashMap<>();
        List<Inserted> result = new ArrayList<>(tasks.size());
        List<Task> fresh = new ArrayList<>(tasks.size());
        for (Task t : tasks) {
            Key key = t.idempotencyKey() == null ? null : new Key(t.tenantId(), t.idempotencyKey());
            Task earlier = key == null ? null : stored.getOrDefault(key, firstInBatch.get(key));
            if (earlier != null) {
                result.add(new Inserted(earlier, false));
                continue;
            }
            if (key != null) {
                firstInBatch.put(key, t);
            }
            fresh.add(t);
            result.add(new Inserted(t, true));
        }
        checkUniqueKeys(c, fresh);
        if (fresh.isEmpty()) {
            return result;
        }

        d.insertAll(c, "tf_task", TaskRows.COLUMNS, fresh, TaskInserts::writeTask);
        tags.attach(
                c,
                fresh.stream()
                        .filter(t -> !t.tags().isEmpty())
                        .map(t -> new Tags.TaskTags(t.id(), t.tenantId(), t.tags()))
                        .toList(),
                fresh.getFirst().createdAt());
        events.append(
                c,
                fresh.stream()
                        .map(t -> new TaskEvent(
                                t.id(),
                                t.createdAt(),
                                TaskEventType.CREATED,
                                null,
                                t.status(),
                                t.attempt(),
                                null,
                                null,
                                t.owner()))
                        .toList());
        fresh.stream().filter(t -> t.status() == TaskStatus.QUEUED).forEach(t -> scope.queued(t.queue()));
        return result;
    }

    private Map<Key, Task> storedByIdempotencyKey(Connection c, List<Task> tasks) throws SQLException {
        Map<String, List<String>> keysByTenant = tasks.stream()
                .filter(t -> t.idempotencyKey() != null)
                .collect(Collectors.groupingBy(
                        Task::tenantId, Collectors.mapping(Task::idempotencyKey, Collectors.toList())));
        Map<Key, Task> stored = new HashMap<>();
        for (Map.Entry<String, List<String>> tenant : keysByTenant.entrySet()) {
            // Deleted tasks too: the key still names them.
            List<Task> found = JdbcRunner.query(
                    c,
                    "SELECT " + TaskRows.T_COLUMNS + " FROM tf_task t WHERE t.tenant_id = ? AND "
                            + d.anyOf("t.idempotency_key"),
                    db.args().text(tenant.getKey()).texts(tenant.getValue()),
                    rows.mapper());
            for (Task t : rows.withTags(c, found)) {
                stored.put(new Key(t.tenantId(), t.idempotencyKey()), t);
            }
        }
        return stored;
    }

    /** Throws when a unique key of a new unfinished task is taken, in the batch or by a stored task. */
    private void checkUniqueKeys(Connection c, List<Task> fresh) throws SQLException {
        Map<Key, Task> claimed = new LinkedHashMap<>();
        for (Task t : fresh) {
            if (t.uniqueKey() != null && !t.status().isFinished()) {
                if (claimed.putIfAbsent(new Key(t.tenantId(), t.uniqueKey()), t) != null) {
                    // Used twice in this batch: no stored task holds it.
                    throw new UniqueKeyConflictException(t.uniqueKey(), null);
                }
            }
        }
        if (claimed.isEmpty()) {
            return;
        }
        Optional<Holder> held = firstHeld(c, List.copyOf(claimed.keySet()));
        if (held.isPresent()) {
            throw new UniqueKeyConflictException(
                    held.get().key().key(), held.get().taskId());
        }
    }

    private record Holder(Key key, String taskId) {}

    private Optional<Holder> firstHeld(Connection c, List<Key> keys) throws SQLException {
        Map<String, List<String>> byTenant = keys.stream()
                .collect(Collectors.groupingBy(Key::tenantId, Collectors.mapping(Key::key, Collectors.toList())));
        Map<Key, String> holders = new HashMap<>();
        for (Map.Entry<String, List<String>> tenant : byTenant.entrySet()) {
            JdbcRunner.query(
                            c,
                            "SELECT unique_key, id FROM tf_task WHERE tenant_id = ? AND " + d.anyOf("unique_key")
                                    + " AND status NOT IN " + TaskRows.FINISHED + " AND deleted_at IS NULL",
                            db.args().text(tenant.getKey()).texts(tenant.getValue()),
                            rs -> new Holder(new Key(tenant.getKey(), rs.getString("unique_key")), d.readId(rs, "id")))
                    .forEach(h -> holders.put(h.key(), h.taskId()));
        }
        for (Key k : keys) {
            if (holders.containsKey(k)) {
                return Optional.of(new Holder(k, holders.get(k)));
            }
        }
        return Optional.empty();
    }

    /** After a unique violation: which key, and who holds it now (null if it finished meanwhile). */
    private RuntimeException uniqueKeyConflict(List<Task> tasks, UniqueViolationException e) {
        List<Key> keys = uniqueKeys(tasks, e);
        if (keys.isEmpty()) {
            return new StoreException("insert tasks failed", e);
        }
        Optional<Holder> holder = db.read("look up unique key holder", c -> firstHeld(c, keys));
        return conflict(keys, holder);
    }

    /** Like {@link #uniqueKeyConflict(List, UniqueViolationException)}, looking on in the same transaction. */
    private RuntimeException uniqueKeyConflict(Connection c, List<Task> tasks, UniqueViolationException e)
            throws SQLException {
        List<Key> keys = uniqueKeys(tasks, e);
        return keys.isEmpty() ? new StoreException("insert tasks failed", e) : conflict(keys, firstHeld(c, keys));
    }

    /** The unique keys the tasks claim, when {@code e} is about unique keys; else none. */
    private static List<Key> uniqueKeys(List<Task> tasks, UniqueViolationException e) {
        if (!e.mentions("unique_key")) {
            return List.of();
        }
        return tasks.stream()
                .filter(t -> t.uniqueKey() != null && !t.status().isFinished())
                .map(t -> new Key(t.tenantId(), t.uniqueKey()))
                .distinct()
                .toList();
    }

    private static UniqueKeyConflictException conflict(List<Key> keys, Optional<Holder> holder) {
        return holder.map(h -> new UniqueKeyConflictException(h.key().key(), h.taskId()))
                .orElseGet(() -> new UniqueKeyConflictException(keys.getFirst().key(), null));
    }

    private static void writeTask(Task t, RowSink row) throws SQLException {
        row.id(t.id());
        row.text(t.tenantId());
        row.text(t.type());
        row.text(t.title());
        row.text(t.description());
        row.json(t.payload());
        row.text(t.queue());
        row.integer(t.priority().rank());
        row.text(t.status().name());
        row.integer(t.attempt());
        row.integer(t.maxAttempts());
        row.integer(t.timeoutSeconds());
        row.instant(t.runAt());
        row.instant(t.leaseUntil());
        row.text(t.workerId());
        row.integer(t.progress() == null ? null : t.progress().percent());
        row.text(t.progress() == null ? null : t.progress().message());
        row.json(t.result());
        row.json(ErrorJson.write(t.error()));
        row.text(t.uniqueKey());
        row.text(t.idempotencyKey());
        row.text(t.owner());
        row.text(t.pipelineRunId());
        row.text(t.node());
        row.text(t.traceParent());
        row.bool(t.cancelRequested());
        row.instant(t.createdAt());
        row.instant(t.updatedAt());
        row.instant(t.startedAt());
        row.instant(t.finishedAt());
    }
}
