package io.taskforge.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Sets the parameters of one batch entry from one item. */
@FunctionalInterface
public interface BatchBinder<T> {
    void bind(PreparedStatement ps, T item) throws SQLException;
}
