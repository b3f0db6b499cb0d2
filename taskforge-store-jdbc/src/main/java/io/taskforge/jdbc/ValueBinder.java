package io.taskforge.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Sets one parameter, null included: how a value binds depends on the database and column type. */
@FunctionalInterface
public interface ValueBinder<T> {
    void bind(PreparedStatement ps, int index, T value) throws SQLException;
}
