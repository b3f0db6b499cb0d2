package io.taskforge.client;

/** A payload over the configured size limit; nothing was written. */
public class PayloadTooLargeException extends RuntimeException {
    private final String field;
    private final long size;
    private final long limit;

    public PayloadTooLargeException(String field, long size, long limit) {
        super(field + " is " + size + " bytes, more than the limit of " + limit + " bytes");
        this.field = field;
        this.size = size;
        this.limit = limit;
    }

    public String field() {
        return field;
    }

    public long size() {
        return size;
    }

    public long limit() {
        return limit;
    }
}
