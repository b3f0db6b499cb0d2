package io.taskforge.jdbc;

import java.sql.SQLException;

/** A database call failed; see {@link SqlErrors} for the kinds worth telling apart. */
public class JdbcException extends RuntimeException {
    public JdbcException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }

    @Override
    public synchronized SQLException getCause() {
        return (SQLException) super.getCause();
    }
}
