package io.taskforge.store.jdbc;

import io.taskforge.jdbc.JdbcRunner;
import io.taskforge.store.jdbc.dialect.Dialect;
import io.taskforge.task.TaskEvent;
import io.taskforge.task.TaskEventType;
import io.taskforge.task.TaskStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The append-only task history: written in the transaction of the change it records. Where the
 * database takes arrays ({@link Dialect#arrayRows}) a batch of events is one INSERT of arrays;
 * elsewhere it is a JDBC batch.
 */
final class Events {
    private static final String COLUMNS = "task_id, at, type, from_status, to_status, attempt, message, error, actor";
    private static final String INSERT =
            "INSERT INTO tf_task_event (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final StoreDb db;
    private final Dialect d;
    /** The INSERT of arrays, or null where the database takes none. */
    private final String insertArrays;

    Events(StoreDb db) {
        this.db = db;
        this.d = db.dialect();
        // The function scan gives the rows in array order, so the ids follow the list's order.
        this.insertArrays = d.arrayRows(List.of(
                        Map.entry("task_id", "uuid"),
                        Map.entry("at", "timestamptz"),
                        Map.entry("type", "text"),
                        Map.entry("from_status", "text"),
                        Map.entry("to_status", "text"),
                        Map.entry("attempt", "integer"),
                        Map.entry("message", "text"),
                        Map.entry("error", "jsonb"),
                        Map.entry("actor", "text")))
                .map(rows -> "INSERT INTO tf_task_event (" + COLUMNS + ") SELECT " + COLUMNS + " FROM " + rows)
                .orElse(null);
    }

    void append(Connection c, List<TaskEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        if (insertArrays != null) {
            JdbcRunner.update(
                    c,
                    insertArrays,
                    db.args()
                            .texts(column(events, TaskEvent::taskId))
                            .texts(column(events, e -> e.at().toString()))
                            .texts(column(events, e -> e.type().wireName()))
                            .texts(column(events, e -> statusName(e.fromStatus())))
                            .texts(column(events, e -> statusName(e.toStatus())))
                            .texts(column(events, e -> String.valueOf(e.attempt())))
                            .texts(column(events, TaskEvent::message))
                            .texts(column(events, e -> ErrorJson.write(e.error())))
                            .texts(column(events, TaskEvent::actor)));
            return;
        }
        JdbcRunner.batch(c, INSERT, events, (ps, e) -> {
            d.id().bind(ps, 1, e.taskId());
            d.instant().bind(ps, 2, e.at());
            ps.setString(3, e.type().wireName());
            ps.setString(4, statusName(e.fromStatus()));
            ps.setString(5, statusName(e.toStatus()));
            ps.setInt(6, e.attempt());
            ps.setString(7, e.message());
            d.json().bind(ps, 8, ErrorJson.write(e.error()));
            ps.setString(9, e.actor());
        });
    }

    private static List<String> column(List<TaskEvent> events, Function<TaskEvent, String> value) {
        List<String> column = new ArrayList<>(events.size());
        for (TaskEvent e : events) {
            column.add(value.apply(e));
        }
        return column;
    }

    private static String statusName(TaskStatus status) {
        return status == null ? null : status.name();
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
