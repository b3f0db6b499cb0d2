package io.taskforge.store.jdbc;

import io.taskforge.jdbc.JdbcRunner;
import io.taskforge.store.jdbc.dialect.Dialect;
import io.taskforge.task.LogPage;
import io.taskforge.task.TaskIds;
import io.taskforge.task.TaskLogLine;
import io.taskforge.task.Texts;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Task log lines: appended in batches, read in pages by increasing {@code seq}. */
final class TaskLogs {
    private final StoreDb db;
    private final Dialect d;

    TaskLogs(StoreDb db) {
        this.db = db;
        this.d = db.dialect();
    }

    /** Lines of unknown or deleted tasks are dropped rather than failing the lines of the others. */
    void append(List<TaskLogLine> lines) {
        List<TaskLogLine> valid =
                lines.stream().filter(l -> TaskIds.isValid(l.taskId())).toList();
        if (valid.isEmpty()) {
            return;
        }
        Set<String> taskIds = new LinkedHashSet<>();
        valid.forEach(l -> taskIds.add(l.taskId().toLowerCase(Locale.ROOT)));
        db.write("append log lines", (c, scope) -> {
            d.serializeLogAppends(c, taskIds);
            Set<String> live = new HashSet<>(JdbcRunner.query(
                    c,
                    "SELECT id FROM tf_task WHERE " + d.anyOf("id") + " AND deleted_at IS NULL",
                    db.args().ids(taskIds),
                    rs -> d.readId(rs, "id")));
            List<TaskLogLine> kept = valid.stream()
                    .filter(l -> live.contains(l.taskId().toLowerCase(Locale.ROOT)))
                    .toList();
            return insert(c, kept);
        });
    }

    /**
     * Inserts lines inside the caller's transaction, which has already checked their tasks and
     * called {@link Dialect#serializeLogAppends}. A missing stream is {@code system}; long lines are cut.
     */
    int[] insert(Connection c, List<TaskLogLine> lines) throws SQLException {
        return JdbcRunner.batch(
                c,
                "INSERT INTO tf_task_log (task_id, attempt, at, stream, line) VALUES (?, ?, ?, ?, ?)",
                lines,
                (ps, l) -> {
                    d.id().bind(ps, 1, l.taskId());
                    ps.setInt(2, l.attempt());
                    d.instant().bind(ps, 3, l.at());
                    ps.setString(4, l.stream() == null ? TaskLogLine.SYSTEM : l.stream());
                    ps.setString(5, l.line() == null ? "" : Texts.truncate(l.line(), TaskLogLine.MAX_LINE_CHARS));
                });
    }

    LogPage list(String taskId, long afterSeq, int limit) {
        if (limit < 1) {
            return new LogPage(List.of(), afterSeq);
        }
        List<TaskLogLine> lines = db.read(
                "read log lines",
                c -> JdbcRunner.query(
                        c,
                        "SELECT l.seq, l.task_id, l.attempt, l.at, l.stream, l.line"
                                + " FROM tf_task_log l JOIN tf_task t ON t.id = l.task_id"
                                + " WHERE l.task_id = ? AND l.seq > ? AND t.deleted_at IS NULL"
                                + " ORDER BY l.seq LIMIT ?",
                        db.args().id(taskId).bigint(afterSeq).integer(limit),
                        rs -> new TaskLogLine(
                                rs.getLong("seq"),
                                d.readId(rs, "task_id"),
                                rs.getInt("attempt"),
                                d.readInstant(rs, "at"),
                                rs.getString("stream"),
                                rs.getString("line"))));
        return new LogPage(lines, lines.isEmpty() ? afterSeq : lines.getLast().seq());
    }
}
