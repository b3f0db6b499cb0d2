package io.taskforge.store.jdbc;

import io.taskforge.store.InvalidCursorException;
import io.taskforge.task.TaskIds;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * A keyset position in the audit log, which is read newest first: the time (epoch milliseconds)
 * and id of the last event shown. Opaque to clients (base64url); a checksum catches cursors that
 * were cut, edited or made up, and the prefix tells them from task list cursors.
 */
record AuditCursor(long atMillis, String id) {
    private static final String VERSION = "a1";

    String encode() {
        String body = VERSION + ":" + atMillis + ":" + id;
        String text = body + ":" + checksum(body);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static AuditCursor decode(String cursor) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        String[] parts = text.split(":", -1);
        if (parts.length != 4 || !VERSION.equals(parts[0])) {
            throw invalid();
        }
        if (!checksum(text.substring(0, text.lastIndexOf(':'))).equals(parts[3])) {
            throw invalid();
        }
        long at;
        try {
            at = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            throw invalid();
        }
        if (!TaskIds.isValid(parts[2])) {
            throw invalid();
        }
        return new AuditCursor(at, parts[2]);
    }

    private static InvalidCursorException invalid() {
        return new InvalidCursorException("not a cursor of the audit log that this server handed out");
    }

    private static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(crc.getValue());
    }
}
