package io.taskforge.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Statement parameters collected in order, each with the binder that knows its column type, so
 * SQL assembled from optional pieces never has to count placeholders by hand.
 */
public final class Params implements StatementBinder {
    private final List<Param<?>> params = new ArrayList<>();

    private record Param<T>(T value, ValueBinder<? super T> binder) {
        void bind(PreparedStatement ps, int index) throws SQLException {
            binder.bind(ps, index, value);
        }
    }

    public static Params of() {
        return new Params();
    }

    public <T> Params add(T value, ValueBinder<? super T> binder) {
        params.add(new Param<>(value, binder));
        return this;
    }

    public Params text(String value) {
        return add(value, Params::bindText);
    }

    public Params integer(Integer value) {
        return add(value, (ps, i, v) -> {
            if (v == null) {
                ps.setNull(i, Types.INTEGER);
            } else {
                ps.setInt(i, v);
            }
        });
    }

    public Params bigint(long value) {
        return add(value, (ps, i, v) -> ps.setLong(i, v));
    }

    public Params bool(boolean value) {
        return add(value, (ps, i, v) -> ps.setBoolean(i, v));
    }

    public int size() {
        return params.size();
    }

    @Override
    public void bind(PreparedStatement ps) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            params.get(i).bind(ps, i + 1);
        }
    }

    public static void bindText(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }
}
