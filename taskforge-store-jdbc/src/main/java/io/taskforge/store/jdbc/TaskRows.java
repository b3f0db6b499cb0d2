package io.taskforge.store.jdbc;

import io.taskforge.jdbc.JdbcRunner;
import io.taskforge.jdbc.RowMapper;
import io.taskforge.store.jdbc.dialect.Dialect;
import io.taskforge.task.Priority;
import io.taskforge.task.Progress;
import io.taskforge.task.Task;
import io.taskforge.task.TaskStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reading task rows. Tags live in their own table: a read either selects them with the tasks
 * ({@link #selectWithTags()}) or loads the tags of all the tasks it returns with one more query
 * ({@link #withTags}), never one query per task.
 */
final class TaskRows {
    static final List<String> COLUMNS = List.of(
            "id",
            "tenant_id",
            "type",
            "title",
            "description",
            "payload",
            "queue",
            "priority",
            "status",
            "attempt",
            "max_attempts",
            "timeout_seconds",
            "run_at",
            "lease_until",
            "worker_id",
            "progress_percent",
            "progress_message",
            "result",
            "error",
            "unique_key",
            "idempotency_key",
            "owner",
            "pipeline_run_id",
            "node",
            "trace_parent",
            "cancel_requested",
            "created_at",
            "updated_at",
            "started_at",
            "finished_at");

    /** Every column, qualified with the alias {@code t}. */
    static final String T_COLUMNS = COLUMNS.stream().map(c -> "t." + c).collect(Collectors.joining(", "));

    static final String FINISHED = "('SUCCEEDED', 'FAILED', 'CANCELLED')";

    private final StoreDb db;
    private final Dialect d;
    private final RowMapper<Task> mapper;
    private final RowMapper<Task> mapperWithTags;
    private final String selectWithTags;

    TaskRows(StoreDb db) {
        this.db = db;
        this.d = db.dialect();
        this.mapper = rs -> map(rs, List.of());
        this.mapperWithTags = rs -> map(rs, d.readStringList(rs, "tags"));
        this.selectWithTags = "SELECT " + T_COLUMNS + ", " + d.tagsOf("t.id") + " AS tags";
    }

    /** Maps rows of {@link #T_COLUMNS}; the tasks come without tags (see {@link #withTags}). */
    RowMapper<Task> mapper() {
        return mapper;
    }

    /**
     * {@code SELECT} of every column of {@code tf_task t} and of the task's tags, for {@link
     * #mapperWithTags()}: a read that loads tasks and tags in one statement, saving the round trip
     * and the second query of {@link #withTags}.
     */
    String selectWithTags() {
        return selectWithTags;
    }

    /** Maps rows of {@link #selectWithTags()}, tags included. */
    RowMapper<Task> mapperWithTags() {
        return mapperWithTags;
    }

    private Task map(ResultSet rs, List<String> tags) throws SQLException {
        int percent = rs.getInt("progress_percent");
        Progress progress = rs.wasNull() ? null : new Progress(percent, rs.getString("progress_message"));
        return new Task(
                d.readId(rs, "id"),
                rs.getString("tenant_id"),
                rs.getString("type"),
                rs.getString("title"),
                rs.getString("description"),
                d.readJson(rs, "payload"),
                rs.getString("queue"),
                Priority.ofRank(rs.getInt("priority")),
                TaskStatus.valueOf(rs.getString("status")),
                tags,
                rs.getInt("attempt"),
                rs.getInt("max_attempts"),
                rs.getInt("timeout_seconds"),
                d.readInstant(rs, "run_at"),
                d.readInstant(rs, "lease_until"),
                rs.getString("worker_id"),
                progress,
                d.readJson(rs, "result"),
                ErrorJson.read(d.readJson(rs, "error")),
                rs.getString("unique_key"),
                rs.getString("idempotency_key"),
                rs.getString("owner"),
                rs.getString("pipeline_run_id"),
                rs.getString("node"),
                rs.getString("trace_parent"),
                rs.getBoolean("cancel_requested"),
                d.readInstant(rs, "created_at"),
                d.readInstant(rs, "updated_at"),
                d.readInstant(rs, "started_at"),
                d.readInstant(rs, "finished_at"));
    }

    /** The undeleted task, with its tags; locked for the rest of the transaction when {@code lock}. */
    Optional<Task> find(Connection c, String id, boolean lock) throws SQLException {
        return JdbcRunner.queryFirst(
                c,
                selectWithTags + " FROM tf_task t WHERE t.id = ? AND t.deleted_at IS NULL"
                        + (lock ? d.forUpdate() : ""),
                db.args().id(id),
                mapperWithTags);
    }

    /** Undeleted tasks by id, with tags, in the order of {@code ids}; missing ones are left out. */
    List<Task> findAll(Connection c, Collection<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Task> rows = JdbcRunner.query(
                c,
                selectWithTags + " FROM tf_task t WHERE " + d.anyOf("t.id") + " AND t.deleted_at IS NULL",
                db.args().ids(ids),
                mapperWithTags);
        Map<String, Task> byId = rows.stream().collect(Collectors.toMap(Task::id, t -> t));
        List<Task> ordered = new ArrayList<>(rows.size());
        for (String id : ids) {
            Task t = byId.get(id);
            if (t != null) {
                ordered.add(t);
            }
        }
        return ordered;
    }

    /** The same tasks with their tags filled in from {@code tf_task_tag}. */
    List<Task> withTags(Connection c, List<Task> tasks) throws SQLException {
        if (tasks.isEmpty()) {
            return tasks;
        }
        Collection<String> ids =
                new LinkedHashSet<>(tasks.stream().map(Task::id).toList());
        record TagRow(String taskId, String tag) {}
        Map<String, List<String>> tags = JdbcRunner.query(
                        c,
                        "SELECT task_id, tag FROM tf_task_tag WHERE " + d.anyOf("task_id")
                                + " ORDER BY task_id, position",
                        db.args().ids(ids),
                        rs -> new TagRow(d.readId(rs, "task_id"), rs.getString("tag")))
                .stream()
                .collect(Collectors.groupingBy(TagRow::taskId, Collectors.mapping(TagRow::tag, Collectors.toList())));
        if (tags.isEmpty()) {
            return tasks;
        }
        List<Task> result = new ArrayList<>(tasks.size());
        for (Task t : tasks) {
            List<String> own = tags.get(t.id());
            result.add(own == null ? t : t.withTags(own));
        }
        return result;
    }
}
