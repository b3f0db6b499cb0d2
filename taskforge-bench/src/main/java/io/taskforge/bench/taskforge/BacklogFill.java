package io.taskforge.bench.taskforge;

import io.taskforge.bench.Store;
import io.taskforge.bench.env.BenchDatabase;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Fills the product's tables fast for the backlog workload: copies of one template task (a real
 * task, submitted and, for finished ones, run by a worker) made by one {@code INSERT ... SELECT}
 * over a number series per chunk, with the template's history events copied alongside. This
 * writes SQL into the product's schema (tables {@code tf_task} and {@code tf_task_event}) and so
 * may need a change when that schema changes; every column it does not name is copied from the
 * template as it is, so added columns need none.
 *
 * <p>Copy {@code n} of a template gets its timestamps moved {@code n} milliseconds into the past
 * and an id shaped like the product's own (UUID version 7 from that millisecond, {@code n} in the
 * random bits, plus a digit per fill so two fills never collide).
 */
final class BacklogFill {
    private static final int CHUNK = 100_000;
    private static final Set<String> TASK_TIMES =
            Set.of("created_at", "updated_at", "run_at", "started_at", "finished_at");

    private final BenchDatabase db;

    BacklogFill(BenchDatabase db) {
        this.db = db;
    }

    /**
     * Adds {@code copies} copies of task {@code templateId} and of its events.
     *
     * @param fill 1..9, different for every fill of one database
     */
    void copy(String templateId, int copies, int fill) throws SQLException {
        try (Connection c = db.connect()) {
            List<String> taskColumns = columns(c, "tf_task");
            List<String> eventColumns = columns(c, "tf_task_event");
            eventColumns.remove("id");
            String taskSql = insertTasks(taskColumns, fill);
            String eventSql = insertEvents(eventColumns, fill);
            for (int from = 1; from <= copies; from += CHUNK) {
                int to = Math.min(copies, from + CHUNK - 1);
                run(c, taskSql, from, to, templateId);
                run(c, eventSql, from, to, templateId);
            }
        }
    }

    /** Lets PostgreSQL's planner see the new table sizes now, as autovacuum would shortly after. */
    void analyze() throws SQLException {
        try (Connection c = db.connect();
                Statement st = c.createStatement()) {
            st.execute("ANALYZE");
        }
    }

    private void run(Connection c, String sql, int from, int to, String templateId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, from);
            ps.setInt(2, to);
            ps.setString(3, templateId);
            ps.executeUpdate();
        }
    }

    private String insertTasks(List<String> columns, int fill) {
        List<String> values = new ArrayList<>();
        for (String col : columns) {
            if (col.equals("id")) {
                values.add(newId("t.created_at", fill));
            } else if (TASK_TIMES.contains(col)) {
                values.add(shifted("t." + col));
            } else {
                values.add("t." + col);
            }
        }
        return withSeries("INSERT INTO tf_task (" + String.join(", ", columns) + ") SELECT " + String.join(", ", values)
                + " FROM tf_task t CROSS JOIN " + series() + " WHERE t.id = " + idParam());
    }

    private String insertEvents(List<String> columns, int fill) {
        List<String> values = new ArrayList<>();
        for (String col : columns) {
            if (col.equals("task_id")) {
                values.add(newId("t.created_at", fill));
            } else if (col.equals("at")) {
                values.add(shifted("e.at"));
            } else {
                values.add("e." + col);
            }
        }
        return withSeries("INSERT INTO tf_task_event (" + String.join(", ", columns) + ") SELECT "
                + String.join(", ", values) + " FROM tf_task_event e JOIN tf_task t ON t.id = e.task_id CROSS JOIN "
                + series() + " WHERE e.task_id = " + idParam() + " ORDER BY s.n, e.id");
    }

    private boolean postgres() {
        return db.store() == Store.POSTGRESQL;
    }

    private String series() {
        return postgres() ? "generate_series(?, ?) AS s(n)" : "s";
    }

    /** SQLite has no generate_series without an extension: a recursive CTE counts instead. */
    private String withSeries(String insert) {
        if (postgres()) {
            return insert;
        }
        return "WITH RECURSIVE s(n) AS (SELECT ? UNION ALL SELECT n + 1 FROM s WHERE n < ?) " + insert;
    }

    private String idParam() {
        return postgres() ? "?::uuid" : "?";
    }

    private String shifted(String column) {
        return postgres() ? column + " - s.n * interval '1 millisecond'" : column + " - s.n";
    }

    private String newId(String createdAt, int fill) {
        if (fill < 1 || fill > 9) {
            throw new IllegalArgumentException("fill must be 1..9");
        }
        if (postgres()) {
            String millis = "((extract(epoch from " + createdAt + ") * 1000)::bigint - s.n)";
            return "(lpad(to_hex(" + millis + "), 12, '0') || '7' || lpad(to_hex(s.n % 4096), 3, '0') || '8' || '"
                    + fill + "' || lpad(to_hex(s.n), 14, '0'))::uuid";
        }
        String millis = "(" + createdAt + " - s.n)";
        return "printf('%08x-%04x-7%03x-8" + fill + "00-%012x', " + millis + " >> 16, " + millis
                + " & 65535, s.n % 4096," + " s.n)";
    }

    private static List<String> columns(Connection c, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getColumns(null, null, table, null)) {
            while (rs.next()) {
                names.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        if (names.isEmpty()) {
            throw new SQLException("no table " + table + " in the product's schema");
        }
        return names;
    }
}
