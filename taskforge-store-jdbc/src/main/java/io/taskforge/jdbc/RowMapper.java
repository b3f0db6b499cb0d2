package io.taskforge.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Turns the current row into a value; never advances the result set. */
@FunctionalInterface
public interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
}
