package io.taskforge.store.jdbc;

import io.taskforge.jdbc.JdbcRunner;
import io.taskforge.store.jdbc.dialect.Dialect;
import io.taskforge.task.TaskEvent;
import io.taskforge.task.TaskEventType;
import io.taskforge.task.TaskStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** The append-only task history: written in the transaction of the change it records. */
final class Events {
    private static final String INSERT = "INSERT INTO tf_task_event"
            + " (task_id, at, type, from_status, to_status, attempt, message, error, actor)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final StoreDb db;
    private final Dialect d;

    Events(StoreDb db) {
        this.db = db;
        this.d = db.dialect();
    }

    void append(Connection c, List<TaskEvent> events) throws SQLException {
        JdbcRunner.batch(c, INSERT, events, (ps, e) -> {
            d.id().bind(ps, 1, e.taskId());
            d.instant().bind(ps, 2, e.at());
            ps.setString(3, e.type().wireName());
            ps.setString(4, e.fromStatus() == null ? null : e.fromStatus().name());
            ps.setString(5, e.toStatus() == null ? null : e.toStatus().name());
            ps.setInt(6, e.attempt());
            ps.setString(7, e.message());
            d.json().bind(ps, 8, ErrorJson.write(e.error()));
            ps.setString(9, e.actor());
        });
    }

    void append(Connection c, TaskEvent event) throws SQLException {
        append(c, List.of(event));
    }

    List<TaskEvent> list(Connection c, String taskId) throws SQLException {
        return JdbcRunner.query(
                c,
                "SELECT e.task_id, e.at, e.type, e.from_status, e.to_status, e.attempt, e.message, e.error, e.actor"
                        + " FROM tf_task_event e JOIN tf_task t ON t.id = e.task_id"
                        + " WHERE e.task_id = ? AND t.deleted_at IS NULL ORDER BY e.id",
                db.args().id(taskId),
                rs -> new TaskEvent(
                        d.readId(rs, "task_id"),
                        d.readInstant(rs, "at"),
                        TaskEventType.ofWireName(rs.getString("type")),
                        status(rs.getString("from_status")),
                        status(rs.getString("to_status")),
                        rs.getInt("attempt"),
                        rs.getString("message"),
                        ErrorJson.read(d.readJson(rs, "error")),
                        rs.getString("actor")));
    }

    private static TaskStatus status(String name) {
        return name == null ? null : TaskStatus.valueOf(name);
    }
}
