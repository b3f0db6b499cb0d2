package io.taskforge.handler;

/** Thrown by a handler when trying again cannot help (bad input, 4xx answer): the task fails at once. */
public class NonRetryableException extends Exception {
    public NonRetryableException(String message) {
        super(message);
    }

    public NonRetryableException(String message, Throwable cause) {
        super(message, cause);
    }
}
