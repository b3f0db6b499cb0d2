package io.taskforge.jdbc;

import java.sql.SQLException;

/**
 * The database refused the work for now but would accept it if tried again: SQLite was busy
 * (another process held the write lock past the busy timeout), or PostgreSQL found a
 * serialization failure or deadlock and rolled the transaction back.
 */
public class TransientJdbcException extends JdbcException {
    public TransientJdbcException(String message, SQLException cause) {
        super(message, cause);
    }
}
