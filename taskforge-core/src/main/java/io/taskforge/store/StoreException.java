package io.taskforge.store;

/** The store failed (connection lost, disk full, ...); the operation did not happen. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
