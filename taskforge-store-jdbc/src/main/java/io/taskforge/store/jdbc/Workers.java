package io.taskforge.store.jdbc;

import io.taskforge.jdbc.JdbcRunner;
import io.taskforge.store.WorkerRecord;
import io.taskforge.store.WorkerStatus;
import io.taskforge.store.jdbc.dialect.Dialect;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Worker registrations and leader leases. */
final class Workers {
    private final StoreDb db;
    private final Dialect d;

    Workers(StoreDb db) {
        this.db = db;
        this.d = db.dialect();
    }

    void upsert(WorkerRecord w) {
        db.write(
                "register worker",
                (c, scope) -> JdbcRunner.update(
                        c,
                        "INSERT INTO tf_worker (id, host, pid, queues, concurrency, busy, started_at,"
                                + " last_heartbeat_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                + " ON CONFLICT (id) DO UPDATE SET host = excluded.host, pid = excluded.pid,"
                                + " queues = excluded.queues, concurrency = excluded.concurrency,"
                                + " busy = excluded.busy, started_at = excluded.started_at,"
                                + " last_heartbeat_at = excluded.last_heartbeat_at, status = excluded.status",
                        db.args()
                                .text(w.id())
                                .text(w.host())
                                .bigint(w.pid())
                                .stringList(w.queues())
                                .integer(w.concurrency())
                                .integer(w.busy())
                                .instant(w.startedAt())
                                .instant(w.lastHeartbeatAt())
                                .text(w.status().name())));
    }

    List<WorkerRecord> list() {
        return db.read(
                "list workers",
                c -> JdbcRunner.query(
                        c,
                        "SELECT id, host, pid, queues, concurrency, busy, started_at, last_heartbeat_at, status"
                                + " FROM tf_worker ORDER BY id",
                        db.args(),
                        rs -> new WorkerRecord(
                                rs.getString("id"),
                                rs.getString("host"),
                                rs.getLong("pid"),
                                d.readStringList(rs, "queues"),
                                rs.getInt("concurrency"),
                                rs.getInt("busy"),
                                d.readInstant(rs, "started_at"),
                                d.readInstant(rs, "last_heartbeat_at"),
                                WorkerStatus.valueOf(rs.getString("status")))));
    }

    /** Ids of RUNNING tasks by worker, both in order; served by the running index. */
    Map<String, List<String>> runningTaskIds() {
        return db.read("list running tasks by worker", c -> {
            Map<String, List<String>> byWorker = new LinkedHashMap<>();
            JdbcRunner.query(
                    c,
                    "SELECT worker_id, id FROM tf_task WHERE status = 'RUNNING' AND deleted_at IS NULL"
                            + " AND worker_id IS NOT NULL ORDER BY worker_id, id",
                    db.args(),
                    rs -> byWorker.computeIfAbsent(rs.getString("worker_id"), w -> new ArrayList<>())
                            .add(d.readId(rs, "id")));
            return byWorker;
        });
    }

    int markLost(Instant heartbeatBefore) {
        return db.write(
                "mark lost workers",
                (c, scope) -> JdbcRunner.update(
                        c,
                        "UPDATE tf_worker SET status = 'LOST' WHERE status = 'ACTIVE' AND last_heartbeat_at < ?",
                        db.args().instant(heartbeatBefore)));
    }

    int deleteInactive(Instant heartbeatBefore) {
        return db.write(
                "forget inactive workers",
                (c, scope) -> JdbcRunner.update(
                        c,
                        "DELETE FROM tf_worker WHERE status IN ('STOPPED', 'LOST') AND last_heartbeat_at < ?",
                        db.args().instant(heartbeatBefore)));
    }

    /**
     * One conditional upsert: it inserts a free name, and overwrites a row only when the holder
     * is the same or the lease ran out. Concurrent callers serialise on the row, and each later
     * one re-checks the condition against the winner's row, so exactly one holder gets it.
     */
    boolean leaderTryAcquire(String name, String holder, Instant now, Instant until) {
        return db.write(
                        "acquire leadership",
                        (c, scope) -> JdbcRunner.update(
                                c,
                                "INSERT INTO tf_leader (name, holder, expires_at) VALUES (?, ?, ?)"
                                        + " ON CONFLICT (name) DO UPDATE SET holder = excluded.holder,"
                                        + " expires_at = excluded.expires_at"
                                        + " WHERE tf_leader.holder = excluded.holder OR tf_leader.expires_at <= ?",
                                db.args().text(name).text(holder).instant(until).instant(now)))
                == 1;
    }

    void leaderRelease(String name, String holder) {
        db.write(
                "release leadership",
                (c, scope) -> JdbcRunner.update(
                        c,
                        "DELETE FROM tf_leader WHERE name = ? AND holder = ?",
                        db.args().text(name).text(holder)));
    }
}
