package io.taskforge.store.jdbc.dialect;

import java.sql.SQLException;

/** Writes one item as one row of a bulk insert. */
@FunctionalInterface
public interface RowWriter<T> {
    void write(T item, RowSink row) throws SQLException;
}
