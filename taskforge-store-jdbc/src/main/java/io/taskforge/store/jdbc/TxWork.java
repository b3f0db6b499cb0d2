package io.taskforge.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** The body of a write transaction; it may run more than once when the database asks for a retry. */
@FunctionalInterface
interface TxWork<T> {
    T run(Connection c, TxScope scope) throws SQLException;
}
