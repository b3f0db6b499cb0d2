package io.taskforge.store.jdbc.dialect;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * A bulk insert as {@code COPY ... FROM STDIN} in text format: rows stream to the server in large
 * chunks and are parsed once there, without the per-statement planning and parameter handling of
 * INSERTs. It runs in the caller's transaction, so it commits or rolls back with the rest of it,
 * and a unique violation is reported as for an INSERT (SQLSTATE 23505).
 */
final class PostgresCopy {
    /** Rows are sent whenever this many characters are waiting. */
    private static final int CHUNK_CHARS = 64 * 1024;

    private PostgresCopy() {}

    static <T> void run(
            Connection c,
            String table,
            List<String> columns,
            Collection<? extends T> items,
            RowWriter<? super T> writer)
            throws SQLException {
        if (items.isEmpty()) {
            return;
        }
        String sql = "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN";
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        boolean ended = false;
        try {
            TextRow row = new TextRow();
            for (T item : items) {
                row.start();
                writer.write(item, row);
                if (row.values != columns.size()) {
                    throw new IllegalStateException(
                            "a row of " + table + " has " + row.values + " values for " + columns.size() + " columns");
                }
                row.out.append('\n');
                if (row.out.length() >= CHUNK_CHARS) {
                    send(copy, row.out);
                }
            }
            send(copy, row.out);
            copy.endCopy();
            ended = true;
        } finally {
            if (!ended && copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void send(CopyIn copy, StringBuilder out) throws SQLException {
        if (out.isEmpty()) {
            return;
        }
        byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        out.setLength(0);
    }

    /** One line of COPY text: values separated by tabs, {@code \N} for null, backslash escapes. */
    private static final class TextRow implements RowSink {
        final StringBuilder out = new StringBuilder(CHUNK_CHARS + 4096);
        int values;

        void start() {
            values = 0;
        }

        private StringBuilder next() {
            if (values++ > 0) {
                out.append('\t');
            }
            return out;
        }

        @Override
        public void text(String value) {
            if (value == null) {
                next().append("\\N");
            } else {
                escape(next(), value);
            }
        }

        @Override
        public void integer(Integer value) {
            if (value == null) {
                next().append("\\N");
            } else {
                next().append(value.intValue());
            }
        }

        @Override
        public void bool(boolean value) {
            next().append(value ? 't' : 'f');
        }

        @Override
        public void id(String value) {
            // Ids are checked to be uuids before they get here: nothing to escape.
            next().append(value == null ? "\\N" : value);
        }

        @Override
        public void instant(Instant value) {
            // ISO-8601 with its Z: read as UTC whatever the session's time zone.
            next().append(value == null ? "\\N" : value.toString());
        }

        @Override
        public void json(String value) {
            text(value);
        }

        /** The text format's escapes: the backslash itself, and the characters that end values and rows. */
        private static void escape(StringBuilder out, String value) {
            for (int i = 0; i < value.length(); i++) {
                char ch = value.charAt(i);
                switch (ch) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(ch);
                }
            }
        }
    }
}
