package io.taskforge.store.jdbc;

import io.taskforge.jdbc.JdbcRunner;
import io.taskforge.store.ClaimParams;
import io.taskforge.task.Task;
import io.taskforge.task.TaskEvent;
import io.taskforge.task.TaskEventType;
import io.taskforge.task.TaskStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Claiming ready tasks: one statement takes up to N of them in claim order (see {@link
 * io.taskforge.store.jdbc.dialect.Dialect#claimSql}) and makes them RUNNING; their STARTED
 * events go in the same transaction.
 */
final class Claims {
    /** Highest priority first, then earliest runAt, then id: the order the statement picked them in. */
    static final Comparator<Task> CLAIM_ORDER = Comparator.comparing(
                    (Task t) -> t.priority().rank())
            .reversed()
            .thenComparing(Task::runAt)
            .thenComparing(Task::id);

    // A new attempt starts with no progress; the last error stays until this attempt ends.
    private static final String ASSIGNMENTS = "status = 'RUNNING', attempt = attempt + 1, worker_id = ?,"
            + " lease_until = ?, started_at = ?, updated_at = ?, progress_percent = NULL, progress_message = NULL";

    private final StoreDb db;
    private final TaskRows rows;
    private final Events events;
    private final String claimSql;

    Claims(StoreDb db, TaskRows rows, Events events) {
        this.db = db;
        this.rows = rows;
        this.events = events;
        this.claimSql = db.dialect().claimSql(ASSIGNMENTS, TaskRows.COLUMNS);
    }

    List<Task> claim(ClaimParams p) {
        if (p.queues().isEmpty()) {
            return List.of();
        }
        return db.write("claim tasks", (c, scope) -> {
            List<Task> claimed = new ArrayList<>(JdbcRunner.query(
                    c,
                    claimSql,
                    db.args()
                            .text(p.workerId())
                            .instant(p.leaseUntil())
                            .instant(p.now())
                            .instant(p.now())
                            .texts(p.queues())
                            .integer(p.max()),
                    rows.mapper()));
            if (claimed.isEmpty()) {
                return List.of();
            }
            claimed.sort(CLAIM_ORDER);
            events.append(
                    c,
                    claimed.stream()
                            .map(t -> new TaskEvent(
                                    t.id(),
                                    p.now(),
                                    TaskEventType.STARTED,
                                    TaskStatus.QUEUED,
                                    TaskStatus.RUNNING,
                                    t.attempt(),
                                    null,
                                    null,
                                    Actors.worker(p.workerId())))
                            .toList());
            return rows.withTags(c, claimed);
        });
    }
}
