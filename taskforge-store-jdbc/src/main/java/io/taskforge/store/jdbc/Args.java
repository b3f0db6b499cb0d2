package io.taskforge.store.jdbc;

import io.taskforge.jdbc.Params;
import io.taskforge.jdbc.StatementBinder;
import io.taskforge.store.jdbc.dialect.Dialect;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Statement parameters in the store's vocabulary, bound the way the dialect wants them. */
final class Args implements StatementBinder {
    private final Dialect dialect;
    private final Params params = Params.of();

    Args(Dialect dialect) {
        this.dialect = dialect;
    }

    Args id(String id) {
        params.add(id, dialect.id());
        return this;
    }

    Args ids(Collection<String> ids) {
        params.add(ids, dialect.ids());
        return this;
    }

    Args texts(Collection<String> values) {
        params.add(values, dialect.texts());
        return this;
    }

    Args instant(Instant value) {
        params.add(value, dialect.instant());
        return this;
    }

    Args json(String value) {
        params.add(value, dialect.json());
        return this;
    }

    Args stringList(List<String> value) {
        params.add(value, dialect.stringList());
        return this;
    }

    Args text(String value) {
        params.text(value);
        return this;
    }

    Args integer(Integer value) {
        params.integer(value);
        return this;
    }

    Args bigint(long value) {
        params.bigint(value);
        return this;
    }

    Args bool(boolean value) {
        params.bool(value);
        return this;
    }

    /** A floating-point number (null allowed). */
    Args real(Double value) {
        params.add(value, (ps, i, v) -> {
            if (v == null) {
                ps.setNull(i, Types.DOUBLE);
            } else {
                ps.setDouble(i, v);
            }
        });
        return this;
    }

    @Override
    public void bind(PreparedStatement ps) throws SQLException {
        params.bind(ps);
    }
}
