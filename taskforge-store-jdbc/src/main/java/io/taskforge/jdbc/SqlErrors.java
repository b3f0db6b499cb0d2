package io.taskforge.jdbc;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sorts SQL errors into the kinds callers handle differently. PostgreSQL reports standard
 * SQLSTATEs; sqlite-jdbc reports no SQLSTATE, only SQLite's primary result code as the vendor
 * code, with the extended code named in the message ({@code [SQLITE_CONSTRAINT_UNIQUE] ...}).
 *
 * <p>A failed batch is judged by the error of the entry that failed, not by the batch's summary:
 * PostgreSQL's summary quotes the whole statement with its values, which would be both huge and
 * misleading to search for a constraint name.
 */
public final class SqlErrors {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String DEADLOCK_DETECTED = "40P01";

    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_CONSTRAINT = 19;

    /** PostgreSQL: {@code duplicate key value violates unique constraint "tf_task_pkey"}. */
    private static final Pattern PG_CONSTRAINT = Pattern.compile("unique constraint \"([^\"]+)\"");
    /** SQLite: {@code UNIQUE constraint failed: tf_task.tenant_id, tf_task.unique_key}. */
    private static final Pattern SQLITE_COLUMNS = Pattern.compile("constraint failed: ([^)\\n]+)");

    private SqlErrors() {}

    public static JdbcException translate(String what, SQLException e) {
        SQLException root = rootOf(e);
        if (isUniqueViolation(root)) {
            return new UniqueViolationException(what, root, constraintOf(root));
        }
        if (isTransient(root)) {
            return new TransientJdbcException(what, root);
        }
        return new JdbcException(what, root);
    }

    private static SQLException rootOf(SQLException e) {
        if (e instanceof BatchUpdateException && e.getNextException() != null) {
            return e.getNextException();
        }
        return e;
    }

    static boolean isUniqueViolation(SQLException e) {
        if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
            return true;
        }
        String message = e.getMessage();
        return e.getSQLState() == null
                && e.getErrorCode() == SQLITE_CONSTRAINT
                && message != null
                && (message.contains("SQLITE_CONSTRAINT_UNIQUE") || message.contains("SQLITE_CONSTRAINT_PRIMARYKEY"));
    }

    static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        if (SERIALIZATION_FAILURE.equals(state) || DEADLOCK_DETECTED.equals(state)) {
            return true;
        }
        return state == null && (e.getErrorCode() == SQLITE_BUSY || e.getErrorCode() == SQLITE_LOCKED);
    }

    private static String constraintOf(SQLException e) {
        String message = e.getMessage();
        if (message == null) {
            return null;
        }
        Matcher pg = PG_CONSTRAINT.matcher(message);
        if (pg.find()) {
            return pg.group(1);
        }
        Matcher sqlite = SQLITE_COLUMNS.matcher(message);
        return sqlite.find() ? sqlite.group(1).strip() : null;
    }
}
