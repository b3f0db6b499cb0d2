package io.taskforge.store.jdbc;

import io.taskforge.jdbc.JdbcRunner;
import io.taskforge.store.jdbc.dialect.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
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
 *
 * <p>The steps of a pipeline run are kept as long as their run and removed with it, by the run's
 * status and finish time; schedule fires (what each fire created) follow the finished cutoff.
 */
final class TaskPurge {
    private static final String NOT_A_STEP = " AND pipeline_run_id IS NULL";

    private final StoreDb db;
    private final Dialect d;

    TaskPurge(StoreDb db) {
        this.db = db;
        this.d = db.dialect();
    }

    /**
     * @param finishedBefore SUCCEEDED and CANCELLED tasks and pipeline runs that finished before
     *     this go, and so do soft-deleted tasks deleted before it and schedule fires made before it;
     *     null keeps them
     * @param failedBefore FAILED tasks (the dead letters) and runs that failed before this go; null
     *     keeps them
     * @return how many tasks, runs and fires were removed (at most about {@code limit})
     */
    int purge(Instant finishedBefore, Instant failedBefore, int limit) {
        if (limit < 1 || (finishedBefore == null && failedBefore == null)) {
            return 0;
        }
        return db.write("purge old tasks", (c, scope) -> {
            int removed = 0;
            if (finishedBefore != null) {
                removed += purgeTasks(
                        c,
                        "status IN ('SUCCEEDED', 'CANCELLED') AND finished_at < ? AND deleted_at IS NULL" + NOT_A_STEP,
                        "finished_at",
                        finishedBefore,
                        limit);
            }
            if (failedBefore != null && removed < limit) {
                removed += purgeTasks(
                        c,
                        "status = 'FAILED' AND finished_at < ? AND deleted_at IS NULL" + NOT_A_STEP,
                        "finished_at",
                        failedBefore,
                        limit - removed);
            }
            if (finishedBefore != null && removed < limit) {
                removed += purgeTasks(c, "deleted_at < ?" + NOT_A_STEP, "deleted_at", finishedBefore, limit - removed);
            }
            if (finishedBefore != null && removed < limit) {
                removed += purgeRuns(c, "status IN ('SUCCEEDED', 'CANCELLED')", finishedBefore, limit - removed);
            }
            if (failedBefore != null && removed < limit) {
                removed += purgeRuns(c, "status = 'FAILED'", failedBefore, limit - removed);
            }
            if (finishedBefore != null && removed < limit) {
                // The firer only ever looks forward of a schedule's last slot: old fires are history.
                removed += JdbcRunner.update(
                        c,
                        "DELETE FROM tf_schedule_fire WHERE id IN (SELECT id FROM tf_schedule_fire"
                                + " WHERE fired_at < ? ORDER BY fired_at LIMIT ?)",
                        db.args().instant(finishedBefore).integer(limit - removed));
            }
            return removed;
        });
    }

    private int purgeTasks(Connection c, String condition, String order, Instant before, int limit)
            throws SQLException {
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
        if (!gone.isEmpty()) {
            deleteWhatHangsOff(c, gone);
        }
        return gone.size();
    }

    /** Finished pipeline runs older than the cutoff, with their step tasks. */
    private int purgeRuns(Connection c, String status, Instant before, int limit) throws SQLException {
        List<String> runs = JdbcRunner.query(
                c,
                "SELECT id FROM tf_pipeline_run WHERE " + status + " AND finished_at < ? ORDER BY finished_at LIMIT ?"
                        + d.forUpdateSkipLocked(),
                db.args().instant(before).integer(limit),
                rs -> d.readId(rs, "id"));
        if (runs.isEmpty()) {
            return 0;
        }
        List<String> steps = JdbcRunner.query(
                c,
                "SELECT id FROM tf_task WHERE " + d.anyOf("pipeline_run_id"),
                db.args().texts(runs),
                rs -> d.readId(rs, "id"));
        if (!steps.isEmpty()) {
            JdbcRunner.update(
                    c, "DELETE FROM tf_task WHERE " + d.anyOf("id"), db.args().ids(steps));
            deleteWhatHangsOff(c, steps);
        }
        JdbcRunner.update(
                c,
                "DELETE FROM tf_pipeline_run WHERE " + d.anyOf("id"),
                db.args().ids(runs));
        return runs.size() + steps.size();
    }

    /** Events and log lines (no foreign keys since V6/V7) and tags of removed tasks. */
    private void deleteWhatHangsOff(Connection c, List<String> taskIds) throws SQLException {
        JdbcRunner.update(
                c,
                "DELETE FROM tf_task_event WHERE " + d.anyOf("task_id"),
                db.args().ids(taskIds));
        JdbcRunner.update(
                c,
                "DELETE FROM tf_task_log WHERE " + d.anyOf("task_id"),
                db.args().ids(taskIds));
        JdbcRunner.update(
                c,
                "DELETE FROM tf_task_tag WHERE " + d.anyOf("task_id"),
                db.args().ids(taskIds));
    }
}
