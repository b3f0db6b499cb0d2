package io.taskforge.server.sse;

import io.taskforge.server.problem.InvalidRequestException;

/**
 * Where a client resumes a stream: after the {@code Last-Event-ID} header, which a browser's {@code
 * EventSource} sends when it reconnects, else after the {@code after} parameter, for clients that
 * cannot set headers.
 */
public final class LastEventId {
    private LastEventId() {}

    /**
     * The position to resume after, or null when the request names none.
     *
     * @param expected what a position is, for the 400 answer: "the seq of a log line"
     */
    public static Long resumeAfter(String lastEventId, String after, String expected) {
        if (lastEventId != null && !lastEventId.isBlank()) {
            return parse("Last-Event-ID", lastEventId, expected);
        }
        if (after != null && !after.isBlank()) {
            return parse("after", after, expected);
        }
        return null;
    }

    private static long parse(String field, String value, String expected) {
        try {
            long position = Long.parseLong(value.strip());
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException(field, "must be " + expected + " (a non-negative integer)");
    }
}
