package io.taskforge.jdbc;

import java.sql.SQLException;

/**
 * A write hit a unique constraint or unique index. Databases name the culprit differently
 * (PostgreSQL the index, SQLite the columns, {@code table.column, ...}), so callers ask {@link
 * #mentions} with a name that appears in both, such as a column name that is also part of the
 * index name.
 */
public class UniqueViolationException extends JdbcException {
    private final String constraint;

    public UniqueViolationException(String message, SQLException cause, String constraint) {
        super(message, cause);
        this.constraint = constraint;
    }

    /** The index name or column list the database reported; null when it reported neither. */
    public String constraint() {
        return constraint;
    }

    public boolean mentions(String name) {
        return constraint != null && constraint.contains(name);
    }
}
