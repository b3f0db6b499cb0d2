package io.taskforge.handler.builtin;

/**
 * An HTTP call was answered with a status worth retrying: 5xx, 408 (request timeout) or 429
 * (too many requests). Other unwanted statuses fail with a {@link
 * io.taskforge.handler.NonRetryableException} instead.
 */
public final class HttpStatusException extends Exception {
    private final int status;

    public HttpStatusException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
