package io.taskforge.store.jdbc.dialect;

import java.sql.SQLException;
import java.time.Instant;

/**
 * The values of one row of a bulk insert ({@link Dialect#insertAll}), given column by column in
 * the order the insert names its columns. Every method takes null where the column allows it.
 */
public interface RowSink {
    void text(String value) throws SQLException;

    void integer(Integer value) throws SQLException;

    void bool(boolean value) throws SQLException;

    /** A task id (or any uuid). */
    void id(String value) throws SQLException;

    void instant(Instant value) throws SQLException;

    /** JSON text. */
    void json(String value) throws SQLException;
}
