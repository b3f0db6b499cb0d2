package io.taskforge.handler.builtin;

import io.taskforge.handler.NonRetryableException;
import io.taskforge.handler.TaskContext;

/** Reading and checking the payloads of the built-in handlers. */
final class Payloads {
    private Payloads() {}

    /**
     * The payload read into {@code type}; never null.
     *
     * @param example a payload that would be accepted, quoted in the message when there is none
     */
    static <T> T read(TaskContext ctx, Class<T> type, String handlerType, String example) throws NonRetryableException {
        T payload = ctx.payload(type);
        if (payload == null) {
            throw new NonRetryableException(handlerType + " task needs a payload like " + example);
        }
        return payload;
    }

    static void check(boolean valid, String message) throws NonRetryableException {
        if (!valid) {
            throw new NonRetryableException(message);
        }
    }
}
