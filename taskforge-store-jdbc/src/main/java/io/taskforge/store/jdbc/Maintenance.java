package io.taskforge.store.jdbc;

import io.taskforge.jdbc.JdbcRunner;
import io.taskforge.store.PromoteResult;
import io.taskforge.store.jdbc.dialect.Dialect;
import io.taskforge.task.Task;
import io.taskforge.task.TaskError;
import io.taskforge.task.TaskEvent;
import io.taskforge.task.TaskEventType;
import io.taskforge.task.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The leader's sweeps: queue waiting tasks whose time came, take back tasks whose worker stopped
 * renewing its lease.
 *
 * <p>Both pick rows first (locked, skipping rows another sweeper holds) and then change exactly
 * those with a guarded UPDATE, because each row's event needs its state from before the change,
 * which {@code RETURNING} cannot give on SQLite.
 */
final class Maintenance {
    static final String LEASE_EXPIRED = "LeaseExpired";

    private final StoreDb db;
    private final Dialect d;
    private final TaskRows rows;
    private final Events events;
    private final PipelineAdvance pipelines;

    Maintenance(StoreDb db, TaskRows rows, Events events, PipelineAdvance pipelines) {
        this.db = db;
        this.d = db.dialect();
        this.rows = rows;
        this.events = events;
        this.pipelines = pipelines;
    }

    private record Due(String id, TaskStatus status, String queue, int attempt) {}

    PromoteResult promoteDue(Instant now, int limit) {
        if (limit < 1) {
            return new PromoteResult(0, Set.of());
        }
        return db.write("promote due tasks", (c, scope) -> {
            List<Due> due = JdbcRunner.query(
                    c,
                    "SELECT id, status, queue, attempt FROM tf_task"
                            + " WHERE status IN ('SCHEDULED', 'RETRYING') AND run_at <= ? AND deleted_at IS NULL"
                            + " ORDER BY run_at, id LIMIT ?" + d.forUpdateSkipLocked(),
                    db.args().instant(now).integer(limit),
                    rs -> new Due(
                            d.readId(rs, "id"),
                            TaskStatus.valueOf(rs.getString("status")),
                            rs.getString("queue"),
                            rs.getInt("attempt")));
            if (due.isEmpty()) {
                return new PromoteResult(0, Set.of());
            }
            int changed = JdbcRunner.update(
                    c,
                    "UPDATE tf_task SET status = 'QUEUED', updated_at = ? WHERE " + d.anyOf("id")
                            + " AND status IN ('SCHEDULED', 'RETRYING') AND deleted_at IS NULL",
                    db.args().instant(now).ids(due.stream().map(Due::id).toList()));
            if (changed != due.size()) {
                throw new IllegalStateException("promoted " + changed + " of " + due.size() + " locked tasks");
            }
            TreeSet<String> queues = new TreeSet<>();
            List<TaskEvent> appended = new ArrayList<>(due.size());
            for (Due t : due) {
                queues.add(t.queue());
                appended.add(new TaskEvent(
                        t.id(),
                        now,
                        TaskEventType.QUEUED,
                        t.status(),
                        TaskStatus.QUEUED,
                        t.attempt(),
                        null,
                        null,
                        Actors.SYSTEM));
            }
            events.append(c, appended);
            queues.forEach(scope::queued);
            return new PromoteResult(due.size(), queues);
        });
    }

    Optional<Instant> nextDueAt() {
        return db.read(
                "read next due time",
                c -> JdbcRunner.queryFirst(
                        c,
                        "SELECT min(run_at) AS due FROM tf_task"
                                + " WHERE status IN ('SCHEDULED', 'RETRYING') AND deleted_at IS NULL",
                        db.args(),
                        rs -> d.readInstant(rs, "due")));
    }

    private record Rescue(Task task, TaskStatus to, TaskError error) {}

    List<Task> rescueExpired(Instant now, int limit) {
        if (limit < 1) {
            return List.of();
        }
        return db.write("rescue expired leases", (c, scope) -> {
            List<Task> expired = JdbcRunner.query(
                    c,
                    "SELECT " + TaskRows.T_COLUMNS + " FROM tf_task t"
                            + " WHERE t.status = 'RUNNING' AND t.lease_until < ? AND t.deleted_at IS NULL"
                            + " ORDER BY t.lease_until, t.id LIMIT ?" + d.forUpdateSkipLocked(),
                    db.args().instant(now).integer(limit),
                    rows.mapper());
            if (expired.isEmpty()) {
                return List.of();
            }
            List<Rescue> rescues = expired.stream().map(Maintenance::decide).toList();
            int[] counts = JdbcRunner.batch(
                    c,
                    "UPDATE tf_task SET status = ?, error = ?, lease_until = NULL, finished_at = ?, updated_at = ?"
                            + " WHERE id = ? AND status = 'RUNNING' AND attempt = ? AND deleted_at IS NULL",
                    rescues,
                    (ps, r) -> {
                        ps.setString(1, r.to().name());
                        d.json().bind(ps, 2, ErrorJson.write(r.error()));
                        d.instant().bind(ps, 3, r.to().isFinished() ? now : null);
                        d.instant().bind(ps, 4, now);
                        d.id().bind(ps, 5, r.task().id());
                        ps.setInt(6, r.task().attempt());
                    });
            List<String> rescued = new ArrayList<>();
            List<TaskEvent> appended = new ArrayList<>();
            for (int i = 0; i < rescues.size(); i++) {
                if (counts[i] != 1) {
                    throw new IllegalStateException("rescue of a locked task changed " + counts[i] + " rows");
                }
                Rescue r = rescues.get(i);
                rescued.add(r.task().id());
                appended.add(new TaskEvent(
                        r.task().id(),
                        now,
                        TaskEventType.LEASE_EXPIRED,
                        TaskStatus.RUNNING,
                        r.to(),
                        r.task().attempt(),
                        r.error().message(),
                        r.error(),
                        Actors.SYSTEM));
                if (r.to() == TaskStatus.QUEUED) {
                    scope.queued(r.task().queue());
                }
            }
            events.append(c, appended);
            List<String> runs = new ArrayList<>();
            for (Rescue r : rescues) {
                if (r.to().isFinished() && r.task().pipelineRunId() != null) {
                    runs.add(r.task().pipelineRunId());
                }
            }
            pipelines.advance(c, scope, runs, now);
            return rows.findAll(c, rescued);
        });
    }

    /** A cancel request wins; otherwise the task runs again if it has attempts left. */
    private static Rescue decide(Task t) {
        TaskStatus to;
        if (t.cancelRequested()) {
            to = TaskStatus.CANCELLED;
        } else if (t.attempt() >= t.maxAttempts()) {
            to = TaskStatus.FAILED;
        } else {
            to = TaskStatus.QUEUED;
        }
        String message = "the lease of worker " + t.workerId() + " expired at " + t.leaseUntil() + " before attempt "
                + t.attempt() + " finished";
        return new Rescue(t, to, TaskError.of(LEASE_EXPIRED, message));
    }
}
