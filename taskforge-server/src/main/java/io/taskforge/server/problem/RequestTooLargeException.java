package io.taskforge.server.problem;

/**
 * A request body longer than the API accepts: 413. Thrown while the body is read, so it may reach
 * the handler wrapped in the JSON reader's exception.
 */
public class RequestTooLargeException extends RuntimeException {
    private final long limit;

    public RequestTooLargeException(long limit) {
        super("the request body is larger than the limit of " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
