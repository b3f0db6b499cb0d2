package io.taskforge.store.jdbc;

import io.taskforge.jdbc.JdbcRunner;
import io.taskforge.store.jdbc.dialect.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Retention: removes finished tasks older than their history period, with their events, log lines
 * and tags, so the task table holds a bounded history however long the system runs.
 *
 * <p>Each kind of old task is found through a partial index that holds only that kind (finished
 * tasks by finish time, soft-deleted ones by deletion time), a batch at a time, locked and skipping
 * rows another transaction holds: a task being retried or deleted right now is left for the next
 * round. The DELETE repeats the condition, so a task that changed after it was picked stays.
 * Events and log lines have no foreign key (V6) and are deleted here explicitly.
 */
final class TaskPurge {
    private final StoreDb db;
    private final Dialect d;

    TaskPurge(StoreDb db) {
        this.db = db;
        this.d = db.dialect();
    }

    /**
     * @param finishedBefore SUCCEEDED and CANCELLED tasks that finished before this go, and so do
     *     soft-deleted tasks deleted before it; null keeps them
     * @param failedBefore FAILED tasks (the dead letters) that failed before this go; null keeps them
     * @return how many tasks were removed (at most {@code limit})
     */
    int purge(Instant finishedBefore, Instant failedBefore, int limit) {
        if (limit < 1 || (finishedBefore == null && failedBefore == null)) {
            return 0;
        }
        return db.write("purge old tasks", (c, scope) -> {
            int removed = 0;
            if (finishedBefore != null) {
                removed += purge(
                        c,
                        "status IN ('SUCCEEDED', 'CANCELLED') AND finished_at < ? AND deleted_at IS NULL",
                        "finished_at",
                        finishedBefore,
                        limit);
            }
            if (failedBefore != null && removed < limit) {
                removed += purge(
                        c,
                        "status = 'FAILED' AND finished_at < ? AND deleted_at IS NULL",
                        "finished_at",
                        failedBefore,
                        limit - removed);
            }
            if (finishedBefore != null && removed < limit) {
                removed += purge(c, "deleted_at < ?", "deleted_at", finishedBefore, limit - removed);
            }
            return removed;
        });
    }

    private int purge(Connection c, String condition, String order, Instant before, int limit) throws SQLException {
        List<String> ids = JdbcRunner.query(
                c,
                "SELECT id FROM tf_task WHERE " + condition + " ORDER BY " + order + " LIMIT ?"
                        + d.forUpdateSkipLocked(),
                db.args().instant(before).integer(limit),
                rs -> d.readId(rs, "id"));
        if (ids.isEmpty()) {
            return 0;
        }
        List<String> gone = JdbcRunner.query(
                c,
                "DELETE FROM tf_task WHERE " + d.anyOf("id") + " AND " + condition + " RETURNING id",
                db.args().ids(ids).instant(before),
                rs -> d.readId(rs, "id"));
        if (gone.isEmpty()) {
            return 0;
        }
        List<String> idsOfGone = new ArrayList<>(gone);
        JdbcRunner.update(
                c,
                "DELETE FROM tf_task_event WHERE " + d.anyOf("task_id"),
                db.args().ids(idsOfGone));
        JdbcRunner.update(
                c,
                "DELETE FROM tf_task_log WHERE " + d.anyOf("task_id"),
                db.args().ids(idsOfGone));
        JdbcRunner.update(
                c,
                "DELETE FROM tf_task_tag WHERE " + d.anyOf("task_id"),
                db.args().ids(idsOfGone));
        return gone.size();
    }
}
