package io.taskforge.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Borrows a connection for one unit of work. A transaction commits when the work returns and
 * rolls back when it throws anything; SQL errors leave as {@link JdbcException}s sorted by
 * {@link SqlErrors}, other exceptions as they were thrown.
 */
public final class Transactions {
    private Transactions() {}

    public static <T> T inTransaction(DataSource dataSource, SqlWork<T> work) {
        return withConnection(dataSource, c -> inTransaction(c, work));
    }

    /** Runs {@code work} in a transaction on a connection the caller holds. */
    public static <T> T inTransaction(Connection c, SqlWork<T> work) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        if (autoCommit) {
            c.setAutoCommit(false);
        }
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (Throwable t) {
            rollbackQuietly(c, t);
            throw t;
        } finally {
            if (autoCommit) {
                c.setAutoCommit(true);
            }
        }
    }

    /** Runs {@code work} on a connection in auto-commit mode: each statement on its own. */
    public static <T> T withConnection(DataSource dataSource, SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw SqlErrors.translate("database call failed", e);
        }
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // The connection is likely gone; the pool will discard it. Keep the original error.
            cause.addSuppressed(e);
        }
    }
}
