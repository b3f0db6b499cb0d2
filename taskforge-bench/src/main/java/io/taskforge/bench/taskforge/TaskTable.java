package io.taskforge.bench.taskforge;

import io.taskforge.bench.Store;
import io.taskforge.bench.env.BenchDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the product's task table directly, for what the harness measures rather than what the
 * product offers: counts while a drain runs (cheap, through the partial index of unfinished
 * tasks), and the stored start and finish instants. Instants are epoch milliseconds here; the
 * product stores them at millisecond precision on both stores.
 */
final class TaskTable {
    private final BenchDatabase db;

    TaskTable(BenchDatabase db) {
        this.db = db;
    }

    /** Tasks not yet in a final state. */
    long unfinished() throws SQLException {
        try (Connection c = db.connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM tf_task WHERE status IN"
                        + " ('PENDING', 'SCHEDULED', 'QUEUED', 'RUNNING', 'RETRYING')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Tasks of {@code queue} not yet in a final state. */
    long unfinished(String queue) throws SQLException {
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM tf_task WHERE queue = ? AND status IN"
                        + " ('PENDING', 'SCHEDULED', 'QUEUED', 'RUNNING', 'RETRYING')")) {
            ps.setString(1, queue);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The id of some SUCCEEDED task. */
    String anySucceededId() throws SQLException {
        try (Connection c = db.connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id FROM tf_task WHERE status = 'SUCCEEDED' LIMIT 1")) {
            if (!rs.next()) {
                throw new SQLException("no SUCCEEDED task to copy");
            }
            return rs.getString(1);
        }
    }

    /** How many tasks are in each status. */
    Map<String, Long> countByStatus() throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = db.connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT status, count(*) FROM tf_task GROUP BY status")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    /** The first start and the last finish among tasks started at or after {@code sinceMillis}. */
    record Span(long firstStartMillis, long lastFinishMillis) {
        double seconds() {
            return (lastFinishMillis - firstStartMillis) / 1000.0;
        }
    }

    Span span(long sinceMillis) throws SQLException {
        String sql = "SELECT " + millis("min(started_at)") + ", " + millis("max(finished_at)")
                + " FROM tf_task WHERE started_at >= " + instant("?");
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement(sql)) {
            bindMillis(ps, 1, sinceMillis);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Span(rs.getLong(1), rs.getLong(2));
            }
        }
    }

    /** {@code started_at - created_at} in milliseconds of every started task titled {@code title}. */
    List<Long> startDelaysMillis(String title) throws SQLException {
        String sql = "SELECT " + millis("started_at") + " - " + millis("created_at")
                + " FROM tf_task WHERE title = ? AND started_at IS NOT NULL";
        List<Long> delays = new ArrayList<>();
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, title);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    delays.add(rs.getLong(1));
                }
            }
        }
        return delays;
    }

    private String millis(String column) {
        // PostgreSQL keeps timestamptz, SQLite epoch milliseconds.
        return db.store() == Store.POSTGRESQL ? "(extract(epoch from " + column + ") * 1000)::bigint" : column;
    }

    private String instant(String param) {
        return db.store() == Store.POSTGRESQL ? "to_timestamp(" + param + " / 1000.0)" : param;
    }

    private static void bindMillis(PreparedStatement ps, int index, long millis) throws SQLException {
        ps.setLong(index, millis);
    }
}
