package io.taskforge.store.jdbc;

import io.taskforge.jdbc.JdbcRunner;
import io.taskforge.jdbc.RowMapper;
import io.taskforge.store.TagExistsException;
import io.taskforge.store.jdbc.dialect.Dialect;
import io.taskforge.task.Tag;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Tags and their attachment to tasks. Tags named on a task are created on the fly, so {@code
 * tf_tag} holds every name in use. Each tenant has its own tags: the same name in two tenants is
 * two tags, and a tag operation never reads or changes another tenant's tags or tasks.
 */
final class Tags {
    private static final String SELECT = "SELECT g.name, g.color,"
            + " (SELECT count(*) FROM tf_task_tag tt JOIN tf_task t ON t.id = tt.task_id"
            + " WHERE tt.tag = g.name AND t.tenant_id = g.tenant_id AND t.deleted_at IS NULL) AS task_count"
            + " FROM tf_tag g WHERE g.tenant_id = ?";

    private static final RowMapper<Tag> TAG =
            rs -> new Tag(rs.getString("name"), rs.getString("color"), rs.getLong("task_count"));

    record TaskTags(String taskId, String tenantId, List<String> tags) {}

    private final StoreDb db;
    private final Dialect d;

    Tags(StoreDb db) {
        this.db = db;
        this.d = db.dialect();
    }

    /** Tag names in first-given order, without repeats. */
    static List<String> distinct(List<String> tags) {
        return List.copyOf(new LinkedHashSet<>(tags));
    }

    /** Creates the tags that do not exist yet; in name order, so concurrent writers lock alike. */
    void ensure(Connection c, String tenantId, Collection<String> names, Instant now) throws SQLException {
        JdbcRunner.batch(
                c,
                "INSERT INTO tf_tag (tenant_id, name, color, created_at) VALUES (?, ?, NULL, ?) ON CONFLICT DO NOTHING",
                new TreeSet<>(names),
                (ps, name) -> {
                    ps.setString(1, tenantId);
                    ps.setString(2, name);
                    d.instant().bind(ps, 3, now);
                });
    }

    /** Attaches tags to new tasks (whose tags were made distinct), creating missing tags. */
    void attach(Connection c, List<TaskTags> tasks, Instant now) throws SQLException {
        Map<String, TreeSet<String>> byTenant = new HashMap<>();
        record Row(String taskId, String tag, int position) {}
        List<Row> rows = new ArrayList<>();
        for (TaskTags t : tasks) {
            for (int i = 0; i < t.tags().size(); i++) {
                byTenant.computeIfAbsent(t.tenantId(), k -> new TreeSet<>())
                        .add(t.tags().get(i));
                rows.add(new Row(t.taskId(), t.tags().get(i), i));
            }
        }
        for (Map.Entry<String, TreeSet<String>> tenant : byTenant.entrySet()) {
            ensure(c, tenant.getKey(), tenant.getValue(), now);
        }
        d.insertAll(c, "tf_task_tag", List.of("task_id", "tag", "position"), rows, (r, row) -> {
            row.id(r.taskId());
            row.text(r.tag());
            row.integer(r.position());
        });
    }

    /** Replaces a task's tags. */
    void replace(Connection c, String taskId, String tenantId, List<String> tags, Instant now) throws SQLException {
        JdbcRunner.update(
                c, "DELETE FROM tf_task_tag WHERE task_id = ?", db.args().id(taskId));
        attach(c, List.of(new TaskTags(taskId, tenantId, distinct(tags))), now);
    }

    List<Tag> list(String tenantId) {
        return db.read(
                "list tags",
                c -> JdbcRunner.query(c, SELECT + " ORDER BY g.name", db.args().text(tenantId), TAG));
    }

    Tag create(String tenantId, String name, String color, Instant now) {
        return db.write(
                "create tag",
                (c, scope) -> {
                    JdbcRunner.update(
                            c,
                            "INSERT INTO tf_tag (tenant_id, name, color, created_at) VALUES (?, ?, ?, ?)",
                            db.args().text(tenantId).text(name).text(color).instant(now));
                    return find(c, tenantId, name).orElseThrow();
                },
                e -> new TagExistsException(name));
    }

    Optional<Tag> update(String tenantId, String name, String color) {
        return db.write("update tag", (c, scope) -> {
            int changed = JdbcRunner.update(
                    c,
                    "UPDATE tf_tag SET color = ? WHERE tenant_id = ? AND name = ?",
                    db.args().text(color).text(tenantId).text(name));
            return changed == 0 ? Optional.empty() : find(c, tenantId, name);
        });
    }

    boolean delete(String tenantId, String name) {
        return db.write("delete tag", (c, scope) -> {
            JdbcRunner.update(
                    c,
                    "DELETE FROM tf_task_tag WHERE tag = ? AND task_id IN (SELECT id FROM tf_task WHERE tenant_id = ?)",
                    db.args().text(name).text(tenantId));
            return JdbcRunner.update(
                            c,
                            "DELETE FROM tf_tag WHERE tenant_id = ? AND name = ?",
                            db.args().text(tenantId).text(name))
                    > 0;
        });
    }

    private Optional<Tag> find(Connection c, String tenantId, String name) throws SQLException {
        return JdbcRunner.queryFirst(
                c, SELECT + " AND g.name = ?", db.args().text(tenantId).text(name), TAG);
    }
}
