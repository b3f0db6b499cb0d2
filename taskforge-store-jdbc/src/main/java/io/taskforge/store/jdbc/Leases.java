package io.taskforge.store.jdbc;

import io.taskforge.jdbc.JdbcRunner;
import io.taskforge.jdbc.RowMapper;
import io.taskforge.store.HeldTask;
import io.taskforge.store.ProgressUpdate;
import io.taskforge.task.TaskIds;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a working worker tells the store while it runs tasks: it is alive (lease renewal, which
 * also answers which tasks it still holds and which should stop) and how far it got.
 *
 * <p>Renewal does not touch {@code updated_at}: it happens every few seconds for every running
 * task and would make "recently updated" mean "running".
 */
final class Leases {
    private static final RowMapper<HeldTask> HELD =
            rs -> new HeldTask(rs.getString("id"), rs.getInt("attempt"), rs.getBoolean("cancel_requested"));

    private final StoreDb db;

    Leases(StoreDb db) {
        this.db = db;
    }

    List<HeldTask> renewAll(String workerId, Instant now, Instant leaseUntil) {
        return db.write("renew leases", (c, scope) -> {
            List<HeldTask> held = JdbcRunner.query(
                    c,
                    "UPDATE tf_task SET lease_until = ?"
                            + " WHERE worker_id = ? AND status = 'RUNNING' AND deleted_at IS NULL"
                            + " RETURNING id, attempt, cancel_requested",
                    db.args().instant(leaseUntil).text(workerId),
                    HELD);
            // A worker marked LOST that still renews is alive after all.
            JdbcRunner.update(
                    c,
                    "UPDATE tf_worker SET last_heartbeat_at = ?,"
                            + " status = CASE WHEN status = 'LOST' THEN 'ACTIVE' ELSE status END WHERE id = ?",
                    db.args().instant(now).text(workerId));
            return held;
        });
    }

    Optional<HeldTask> renewOne(String taskId, int attempt, String workerId, Instant leaseUntil) {
        return db.write(
                "renew lease",
                (c, scope) -> JdbcRunner.queryFirst(
                        c,
                        "UPDATE tf_task SET lease_until = ? WHERE id = ? AND status = 'RUNNING' AND attempt = ?"
                                + " AND worker_id = ? AND deleted_at IS NULL RETURNING id, attempt, cancel_requested",
                        db.args()
                                .instant(leaseUntil)
                                .id(taskId)
                                .integer(attempt)
                                .text(workerId),
                        HELD));
    }

    void progress(List<ProgressUpdate> updates) {
        List<ProgressUpdate> valid = updates.stream()
                .filter(u -> TaskIds.isValid(u.taskId()) && u.progress() != null)
                .toList();
        if (valid.isEmpty()) {
            return;
        }
        db.write(
                "store progress",
                (c, scope) -> JdbcRunner.batch(
                        c,
                        "UPDATE tf_task SET progress_percent = ?, progress_message = ?, updated_at = ?"
                                + " WHERE id = ? AND status = 'RUNNING' AND attempt = ? AND deleted_at IS NULL",
                        valid,
                        (ps, u) -> {
                            ps.setInt(1, u.progress().percent());
                            ps.setString(2, u.progress().message());
                            db.dialect().instant().bind(ps, 3, u.now());
                            db.dialect().id().bind(ps, 4, u.taskId());
                            ps.setInt(5, u.attempt());
                        }));
    }
}
