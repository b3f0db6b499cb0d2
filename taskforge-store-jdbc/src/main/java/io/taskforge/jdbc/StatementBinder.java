package io.taskforge.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Sets all parameters of a statement. */
@FunctionalInterface
public interface StatementBinder {
    StatementBinder NONE = ps -> {};

    void bind(PreparedStatement ps) throws SQLException;
}
