package io.taskforge.store.jdbc;

import io.taskforge.store.InvalidCursorException;
import io.taskforge.task.TaskIds;
import io.taskforge.task.TaskSort;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * A keyset position in a task list: the sort it belongs to, the sort value of the last row
 * shown (epoch milliseconds or priority rank) and that row's id. Opaque to clients (base64url);
 * a checksum catches cursors that were cut, edited or made up, and the sort name catches
 * cursors reused with another order.
 */
record PageCursor(TaskSort sort, long value, String id) {
    private static final String VERSION = "c1";

    String encode() {
        String body = VERSION + ":" + sort.wireName() + ":" + value + ":" + id;
        String text = body + ":" + checksum(body);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static PageCursor decode(String cursor, TaskSort expected) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        String[] parts = text.split(":", -1);
        if (parts.length != 5 || !VERSION.equals(parts[0])) {
            throw invalid();
        }
        String body = text.substring(0, text.lastIndexOf(':'));
        if (!checksum(body).equals(parts[4])) {
            throw invalid();
        }
        if (!expected.wireName().equals(parts[1])) {
            throw new InvalidCursorException("the cursor belongs to another sort order than " + expected.wireName());
        }
        long value;
        try {
            value = Long.parseLong(parts[2]);
        } catch (NumberFormatException e) {
            throw invalid();
        }
        boolean byPriority = expected == TaskSort.PRIORITY_ASC || expected == TaskSort.PRIORITY_DESC;
        if (byPriority && (value < 0 || value > 3)) {
            throw invalid();
        }
        if (!TaskIds.isValid(parts[3])) {
            throw invalid();
        }
        return new PageCursor(expected, value, parts[3]);
    }

    private static InvalidCursorException invalid() {
        return new InvalidCursorException("not a cursor this server handed out");
    }

    private static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(crc.getValue());
    }
}
