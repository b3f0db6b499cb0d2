package io.taskforge.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens a connection that the caller owns and closes. */
@FunctionalInterface
public interface ConnectionSource {
    Connection open() throws SQLException;
}
