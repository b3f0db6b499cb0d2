package io.taskforge.store.jdbc.dialect;

import io.taskforge.jdbc.Params;
import io.taskforge.jdbc.ValueBinder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** A bulk insert as one prepared INSERT run as a JDBC batch, its values bound as {@code dialect} binds them. */
final class BatchInsert {
    private BatchInsert() {}

    static <T> void run(
            Dialect dialect,
            Connection c,
            String table,
            List<String> columns,
            Collection<? extends T> items,
            RowWriter<? super T> writer)
            throws SQLException {
        if (items.isEmpty()) {
            return;
        }
        String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Binding row = new Binding(dialect, ps);
            for (T item : items) {
                row.index = 0;
                writer.write(item, row);
                if (row.index != columns.size()) {
                    throw new IllegalStateException(
                            "a row of " + table + " has " + row.index + " values for " + columns.size() + " columns");
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Binds one row's values from parameter 1 on, as {@link #run} does; returns how many it bound. */
    static <T> int bindRow(Dialect dialect, PreparedStatement ps, T item, RowWriter<? super T> writer)
            throws SQLException {
        Binding row = new Binding(dialect, ps);
        writer.write(item, row);
        return row.index;
    }

    private static final class Binding implements RowSink {
        private final PreparedStatement ps;
        private final ValueBinder<String> id;
        private final ValueBinder<Instant> instant;
        private final ValueBinder<String> json;
        int index;

        Binding(Dialect dialect, PreparedStatement ps) {
            this.ps = ps;
            this.id = dialect.id();
            this.instant = dialect.instant();
            this.json = dialect.json();
        }

        @Override
        public void text(String value) throws SQLException {
            Params.bindText(ps, ++index, value);
        }

        @Override
        public void integer(Integer value) throws SQLException {
            if (value == null) {
                ps.setNull(++index, Types.INTEGER);
            } else {
                ps.setInt(++index, value);
            }
        }

        @Override
        public void bool(boolean value) throws SQLException {
            ps.setBoolean(++index, value);
        }

        @Override
        public void id(String value) throws SQLException {
            id.bind(ps, ++index, value);
        }

        @Override
        public void instant(Instant value) throws SQLException {
            instant.bind(ps, ++index, value);
        }

        @Override
        public void json(String value) throws SQLException {
            json.bind(ps, ++index, value);
        }
    }
}
