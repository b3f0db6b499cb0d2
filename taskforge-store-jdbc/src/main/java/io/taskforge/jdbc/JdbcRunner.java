package io.taskforge.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Runs statements on a connection the caller owns (and so decides about transactions). Every
 * statement is prepared: values are always bound, never spliced into SQL.
 */
public final class JdbcRunner {
    private JdbcRunner() {}

    /** Runs a query, or an {@code UPDATE ... RETURNING}, and maps every row. */
    public static <T> List<T> query(Connection c, String sql, StatementBinder binder, RowMapper<T> mapper)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        }
    }

    /** The first row, if any; the query should be bounded so that is the only one read. */
    public static <T> Optional<T> queryFirst(Connection c, String sql, StatementBinder binder, RowMapper<T> mapper)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(mapper.map(rs)) : Optional.empty();
            }
        }
    }

    /** Runs an INSERT/UPDATE/DELETE and returns how many rows it changed. */
    public static int update(Connection c, String sql, StatementBinder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        }
    }

    /**
     * Runs one statement per item as a JDBC batch and returns the update count of each, in item
     * order. Drivers that rewrite batched INSERTs into multi-row statements report {@link
     * java.sql.Statement#SUCCESS_NO_INFO} instead of counts; callers that need counts batch
     * UPDATEs, which are never rewritten.
     */
    public static <T> int[] batch(Connection c, String sql, Collection<? extends T> items, BatchBinder<T> binder)
            throws SQLException {
        if (items.isEmpty()) {
            return new int[0];
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (T item : items) {
                binder.bind(ps, item);
                ps.addBatch();
            }
            return ps.executeBatch();
        }
    }

    /** Runs a statement that needs no parameters and returns nothing (PRAGMA, LISTEN, SET ...). */
    public static void execute(Connection c, String sql) throws SQLException {
        try (var st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
