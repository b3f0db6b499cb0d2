package io.taskforge.store;

/** A page cursor that this store did not hand out, or that belongs to another sort order. */
public class InvalidCursorException extends RuntimeException {
    public InvalidCursorException(String message) {
        super(message);
    }
}
