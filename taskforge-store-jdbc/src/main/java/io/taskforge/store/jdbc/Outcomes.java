package io.taskforge.store.jdbc;

import io.taskforge.jdbc.BatchBinder;
import io.taskforge.jdbc.JdbcRunner;
import io.taskforge.store.AttemptOutcome;
import io.taskforge.store.jdbc.dialect.Dialect;
import io.taskforge.task.TaskEvent;
import io.taskforge.task.TaskEventType;
import io.taskforge.task.TaskIds;
import io.taskforge.task.TaskStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Ends attempts in batches. Every outcome is one UPDATE guarded by {@code id, status RUNNING,
 * attempt, worker}: a report from a worker that lost the task (rescued, cancelled, claimed again)
 * matches no row and changes nothing. The batch's update counts say which outcomes applied;
 * only those get events.
 *
 * <p>Outcomes run in input order, grouped into runs of one kind so that each run is one JDBC
 * batch: when one task appears twice, the first report wins and the second finds it no longer
 * RUNNING.
 */
final class Outcomes {
    private static final String GUARD =
            " WHERE id = ? AND status = 'RUNNING' AND attempt = ? AND worker_id = ? AND deleted_at IS NULL";

    private static final String SUCCEEDED = "UPDATE tf_task SET status = 'SUCCEEDED', result = ?, error = NULL,"
            + " lease_until = NULL, finished_at = ?, updated_at = ?" + GUARD;
    private static final String RETRYING = "UPDATE tf_task SET status = 'RETRYING', error = ?, run_at = ?,"
            + " lease_until = NULL, updated_at = ?" + GUARD;
    private static final String FAILED = "UPDATE tf_task SET status = 'FAILED', error = ?,"
            + " lease_until = NULL, finished_at = ?, updated_at = ?" + GUARD;
    // A cancelled attempt keeps the last error unless it brings its own.
    private static final String CANCELLED = "UPDATE tf_task SET status = 'CANCELLED', error = COALESCE(?, error),"
            + " lease_until = NULL, finished_at = ?, updated_at = ?" + GUARD;
    // A release gives the attempt back. A task whose cancel was requested is not queued again
    // for another worker to start: releasing it cancels it.
    private static final String RELEASED = "UPDATE tf_task SET status = 'QUEUED', attempt = attempt - 1,"
            + " lease_until = NULL, updated_at = ?" + GUARD + " AND cancel_requested = FALSE";
    private static final String RELEASED_CANCELLED = "UPDATE tf_task SET status = 'CANCELLED',"
            + " lease_until = NULL, finished_at = ?, updated_at = ?" + GUARD + " AND cancel_requested = TRUE";

    private final StoreDb db;
    private final Dialect d;
    private final Events events;

    Outcomes(StoreDb db, Events events) {
        this.db = db;
        this.d = db.dialect();
        this.events = events;
    }

    private record Indexed(int index, AttemptOutcome outcome) {}

    List<Boolean> apply(List<AttemptOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return List.of();
        }
        return db.write("apply attempt outcomes", (c, scope) -> {
            boolean[] applied = new boolean[outcomes.size()];
            List<TaskEvent> appended = new ArrayList<>();
            List<String> requeued = new ArrayList<>();
            int start = 0;
            while (start < outcomes.size()) {
                TaskStatus kind = outcomes.get(start).status();
                int end = start;
                List<Indexed> run = new ArrayList<>();
                while (end < outcomes.size() && outcomes.get(end).status() == kind) {
                    if (TaskIds.isValid(outcomes.get(end).taskId())) {
                        run.add(new Indexed(end, outcomes.get(end)));
                    }
                    end++;
                }
                applyRun(c, kind, run, applied, appended, requeued);
                start = end;
            }
            events.append(c, appended);
            for (String queue : queuesOf(c, requeued)) {
                scope.queued(queue);
            }
            List<Boolean> result = new ArrayList<>(applied.length);
            for (boolean a : applied) {
                result.add(a);
            }
            return result;
        });
    }

    private void applyRun(
            Connection c,
            TaskStatus kind,
            List<Indexed> run,
            boolean[] applied,
            List<TaskEvent> appended,
            List<String> requeued)
            throws SQLException {
        if (run.isEmpty()) {
            return;
        }
        switch (kind) {
            case SUCCEEDED -> {
                int[] counts = batch(c, SUCCEEDED, run, (ps, o) -> {
                    d.json().bind(ps, 1, o.result());
                    d.instant().bind(ps, 2, o.now());
                    d.instant().bind(ps, 3, o.now());
                    return 4;
                });
                record(run, counts, applied, appended, TaskEventType.SUCCEEDED, TaskStatus.SUCCEEDED);
            }
            case RETRYING -> {
                int[] counts = batch(c, RETRYING, run, (ps, o) -> {
                    d.json().bind(ps, 1, ErrorJson.write(o.error()));
                    d.instant().bind(ps, 2, o.runAt());
                    d.instant().bind(ps, 3, o.now());
                    return 4;
                });
                record(run, counts, applied, appended, TaskEventType.ATTEMPT_FAILED, TaskStatus.RETRYING);
            }
            case FAILED, CANCELLED -> {
                int[] counts = batch(c, kind == TaskStatus.FAILED ? FAILED : CANCELLED, run, (ps, o) -> {
                    d.json().bind(ps, 1, ErrorJson.write(o.error()));
                    d.instant().bind(ps, 2, o.now());
                    d.instant().bind(ps, 3, o.now());
                    return 4;
                });
                TaskEventType type = kind == TaskStatus.FAILED ? TaskEventType.FAILED : TaskEventType.CANCELLED;
                record(run, counts, applied, appended, type, kind);
            }
            case QUEUED -> {
                int[] cancelled = batch(c, RELEASED_CANCELLED, run, (ps, o) -> {
                    d.instant().bind(ps, 1, o.now());
                    d.instant().bind(ps, 2, o.now());
                    return 3;
                });
                record(run, cancelled, applied, appended, TaskEventType.CANCELLED, TaskStatus.CANCELLED);
                int[] released = batch(c, RELEASED, run, (ps, o) -> {
                    d.instant().bind(ps, 1, o.now());
                    return 2;
                });
                record(run, released, applied, appended, TaskEventType.RELEASED, TaskStatus.QUEUED);
                for (int i = 0; i < run.size(); i++) {
                    if (released[i] > 0) {
                        requeued.add(run.get(i).outcome().taskId());
                    }
                }
            }
            default -> throw new IllegalArgumentException("not an attempt outcome: " + kind);
        }
    }

    /** Binds an outcome's own values and returns the index of the first guard parameter. */
    @FunctionalInterface
    private interface OutcomeBinder {
        int bind(PreparedStatement ps, AttemptOutcome o) throws SQLException;
    }

    private int[] batch(Connection c, String sql, List<Indexed> run, OutcomeBinder binder) throws SQLException {
        BatchBinder<Indexed> withGuard = (ps, item) -> {
            AttemptOutcome o = item.outcome();
            int i = binder.bind(ps, o);
            d.id().bind(ps, i, o.taskId());
            ps.setInt(i + 1, o.attempt());
            ps.setString(i + 2, o.workerId());
        };
        int[] counts = JdbcRunner.batch(c, sql, run, withGuard);
        if (Arrays.stream(counts).anyMatch(n -> n < 0 || n > 1)) {
            throw new IllegalStateException("a guarded update changed " + Arrays.toString(counts) + " rows");
        }
        return counts;
    }

    private static void record(
            List<Indexed> run,
            int[] counts,
            boolean[] applied,
            List<TaskEvent> appended,
            TaskEventType type,
            TaskStatus to) {
        for (int i = 0; i < run.size(); i++) {
            if (counts[i] == 0) {
                continue;
            }
            AttemptOutcome o = run.get(i).outcome();
            applied[run.get(i).index()] = true;
            appended.add(new TaskEvent(
                    o.taskId(),
                    o.now(),
                    type,
                    TaskStatus.RUNNING,
                    to,
                    o.attempt(),
                    o.message(),
                    o.error(),
                    Actors.worker(o.workerId())));
        }
    }

    private Set<String> queuesOf(Connection c, List<String> taskIds) throws SQLException {
        if (taskIds.isEmpty()) {
            return Set.of();
        }
        return new TreeSet<>(JdbcRunner.query(
                c,
                "SELECT DISTINCT queue FROM tf_task WHERE " + d.anyOf("id"),
                db.args().ids(taskIds),
                rs -> rs.getString("queue")));
    }
}
