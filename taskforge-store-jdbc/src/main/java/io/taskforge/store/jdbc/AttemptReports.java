package io.taskforge.store.jdbc;

import io.taskforge.jdbc.JdbcRunner;
import io.taskforge.store.ProgressUpdate;
import io.taskforge.store.jdbc.dialect.Dialect;
import io.taskforge.task.TaskLogLine;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log lines and progress that a remote worker reports for one attempt. Unlike the engine's batched
 * writes, which drop what no longer applies without telling, each report here is checked against
 * the attempt it names ({@code id, RUNNING, attempt, worker}) and says whether it applied: the
 * remote-worker API answers 409 when it did not, so a worker that lost its lease learns so.
 */
final class AttemptReports {
    private static final Logger log = LoggerFactory.getLogger(AttemptReports.class);

    private static final String HELD =
            " WHERE id = ? AND status = 'RUNNING' AND attempt = ? AND worker_id = ?" + " AND deleted_at IS NULL";

    private final StoreDb db;
    private final Dialect d;
    private final TaskLogs logs;

    AttemptReports(StoreDb db, TaskLogs logs) {
        this.db = db;
        this.d = db.dialect();
        this.logs = logs;
    }

    /**
     * The check and the insert share one transaction, and the check locks the task row: an outcome
     * that ends the attempt meanwhile either commits first (and these lines are refused) or waits
     * for them, so no line is ever stored under an attempt after its worker was told it lost it.
     */
    boolean appendLogIfRunning(String taskId, int attempt, String workerId, List<TaskLogLine> lines) {
        return db.write("append log lines of a running attempt", (c, scope) -> {
            boolean held = JdbcRunner.queryFirst(
                            c,
                            "SELECT id FROM tf_task" + HELD + d.forUpdate(),
                            db.args().id(taskId).integer(attempt).text(workerId),
                            rs -> Boolean.TRUE)
                    .isPresent();
            if (!held) {
                log.debug("log lines for task {} attempt {} by {} refused: not running it", taskId, attempt, workerId);
                return false;
            }
            if (lines.isEmpty()) {
                return true;
            }
            d.serializeLogAppends(c, Set.of(taskId));
            logs.insert(
                    c,
                    lines.stream()
                            .map(l -> new TaskLogLine(0, taskId, attempt, l.at(), l.stream(), l.line()))
                            .toList());
            return true;
        });
    }

    boolean setProgressIfRunning(String taskId, int attempt, String workerId, ProgressUpdate update) {
        int changed = db.write(
                "store progress of a running attempt",
                (c, scope) -> JdbcRunner.update(
                        c,
                        "UPDATE tf_task SET progress_percent = ?, progress_message = ?, updated_at = ?" + HELD,
                        db.args()
                                .integer(update.progress().percent())
                                .text(update.progress().message())
                                .instant(update.now())
                                .id(taskId)
                                .integer(attempt)
                                .text(workerId)));
        if (changed > 1) {
            throw new IllegalStateException("a guarded progress update changed " + changed + " rows");
        }
        if (changed == 0) {
            log.debug("progress for task {} attempt {} by {} refused: not running it", taskId, attempt, workerId);
        }
        return changed == 1;
    }
}
