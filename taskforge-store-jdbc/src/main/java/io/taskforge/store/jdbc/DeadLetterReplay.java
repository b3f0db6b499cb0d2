package io.taskforge.store.jdbc;

import io.taskforge.jdbc.JdbcRunner;
import io.taskforge.store.StoreException;
import io.taskforge.store.jdbc.dialect.Dialect;
import io.taskforge.task.TaskEvent;
import io.taskforge.task.TaskEventType;
import io.taskforge.task.TaskStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Puts a queue's dead letters (its FAILED tasks) back, as {@code taskRetry} does for one task.
 *
 * <p>A queue may hold many thousands of them, so they go in batches, each its own transaction, in
 * id order with a keyset cursor: a batch holds its locks (on SQLite, the database's write lock) for
 * a bounded time, and a task that fails again while the replay runs is not replayed twice. A task
 * whose unique key is held by another unfinished task (or by an earlier task of the same replay)
 * stays FAILED.
 */
final class DeadLetterReplay {
    /** Tasks per transaction. */
    static final int BATCH = 500;
    /** A batch that loses a race for a unique key to a concurrent insert is read and tried again. */
    private static final int MAX_TRIES_PER_BATCH = 3;

    private final StoreDb db;
    private final Dialect d;
    private final Events events;

    DeadLetterReplay(StoreDb db, Events events) {
        this.db = db;
        this.d = db.dialect();
        this.events = events;
    }

    private record Failed(String id, String tenantId, String uniqueKey, int attempt) {}

    private record Batch(int retried, String lastId) {}

    /** Thrown inside a batch's transaction to roll it back and run it again. */
    private static final class LostUniqueKeyRace extends RuntimeException {
        LostUniqueKeyRace() {
            super(null, null, false, false);
        }
    }

    int retryFailed(String tenantId, String queue, Instant now, String actor) {
        int total = 0;
        String after = null;
        while (true) {
            Batch batch = batchWithRetries(tenantId, queue, after, now, actor);
            total += batch.retried();
            if (batch.lastId() == null) {
                return total;
            }
            after = batch.lastId();
        }
    }

    private Batch batchWithRetries(String tenantId, String queue, String after, Instant now, String actor) {
        for (int attempt = 1; ; attempt++) {
            try {
                return db.write(
                        "retry failed tasks of queue " + queue,
                        (c, scope) -> {
                            Batch b = batch(c, tenantId, queue, after, now, actor);
                            if (b.retried() > 0) {
                                scope.queued(queue);
                            }
                            return b;
                        },
                        e -> e.mentions("unique_key")
                                ? new LostUniqueKeyRace()
                                : new StoreException("retry failed tasks failed", e));
            } catch (LostUniqueKeyRace e) {
                if (attempt >= MAX_TRIES_PER_BATCH) {
                    throw new StoreException(
                            "retry failed tasks of queue " + queue + ": unique keys kept changing; try again");
                }
            }
        }
    }

    private Batch batch(Connection c, String tenantId, String queue, String after, Instant now, String actor)
            throws SQLException {
        Args args = db.args().text(queue);
        if (tenantId != null) {
            args.text(tenantId);
        }
        if (after != null) {
            args.id(after);
        }
        List<Failed> failed = JdbcRunner.query(
                c,
                "SELECT id, tenant_id, unique_key, attempt FROM tf_task WHERE queue = ? AND status = 'FAILED'"
                        + " AND deleted_at IS NULL" + (tenantId == null ? "" : " AND tenant_id = ?")
                        + (after == null ? "" : " AND id > ?")
                        + " ORDER BY id LIMIT ?" + d.forUpdate(),
                args.integer(BATCH),
                rs -> new Failed(
                        d.readId(rs, "id"),
                        rs.getString("tenant_id"),
                        rs.getString("unique_key"),
                        rs.getInt("attempt")));
        if (failed.isEmpty()) {
            return new Batch(0, null);
        }
        Set<List<String>> heldKeys = heldUniqueKeys(c, failed);
        List<Failed> replay = new ArrayList<>(failed.size());
        for (Failed f : failed) {
            // add() also claims the key for this task, so a second task with the same key stays.
            if (f.uniqueKey() == null || heldKeys.add(List.of(f.tenantId(), f.uniqueKey()))) {
                replay.add(f);
            }
        }
        if (!replay.isEmpty()) {
            int changed = JdbcRunner.update(
                    c,
                    "UPDATE tf_task SET status = 'QUEUED', run_at = ?, lease_until = NULL, finished_at = NULL,"
                            + " cancel_requested = FALSE, updated_at = ?,"
                            + " max_attempts = CASE WHEN max_attempts > attempt THEN max_attempts ELSE attempt + 1 END"
                            + " WHERE " + d.anyOf("id") + " AND status = 'FAILED' AND deleted_at IS NULL",
                    db.args()
                            .instant(now)
                            .instant(now)
                            .ids(replay.stream().map(Failed::id).toList()));
            if (changed != replay.size()) {
                throw new IllegalStateException(
                        "retried " + changed + " of " + replay.size() + " failed tasks held under row locks");
            }
            events.append(
                    c,
                    replay.stream()
                            .map(f -> new TaskEvent(
                                    f.id(),
                                    now,
                                    TaskEventType.RETRIED,
                                    TaskStatus.FAILED,
                                    TaskStatus.QUEUED,
                                    f.attempt(),
                                    "the queue's failed tasks were retried",
                                    null,
                                    actor))
                            .toList());
        }
        return new Batch(replay.size(), failed.getLast().id());
    }

    /** (tenant, key) pairs held by unfinished tasks, among the keys of {@code failed}. */
    private Set<List<String>> heldUniqueKeys(Connection c, List<Failed> failed) throws SQLException {
        Set<String> tenants = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (Failed f : failed) {
            if (f.uniqueKey() != null) {
                tenants.add(f.tenantId());
                keys.add(f.uniqueKey());
            }
        }
        Set<List<String>> held = new HashSet<>();
        if (keys.isEmpty()) {
            return held;
        }
        JdbcRunner.query(
                c,
                "SELECT tenant_id, unique_key FROM tf_task WHERE " + d.anyOf("tenant_id") + " AND "
                        + d.anyOf("unique_key") + " AND status NOT IN " + TaskRows.FINISHED
                        + " AND deleted_at IS NULL",
                db.args().texts(tenants).texts(keys),
                rs -> held.add(List.of(rs.getString("tenant_id"), rs.getString("unique_key"))));
        return held;
    }
}
