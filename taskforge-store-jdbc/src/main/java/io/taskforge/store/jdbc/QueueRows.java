package io.taskforge.store.jdbc;

import io.taskforge.jdbc.JdbcRunner;
import io.taskforge.store.QueueSettings;
import io.taskforge.store.jdbc.dialect.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Reading and writing rows of {@code tf_queue}: a queue's settings and its rate limiter's state. */
final class QueueRows {
    /** One tenant until multi-tenancy lands: every row is written and read under it. */
    static final String TENANT = "default";

    private static final String COLUMNS =
            "name, paused, concurrency_limit, rate_per_second, tokens, tokens_at, updated_at";

    /** A stored row. Null limits: none; null tokens: a full bucket. */
    record QueueRow(
            String name,
            boolean paused,
            Integer concurrencyLimit,
            Double ratePerSecond,
            Double tokens,
            Instant tokensAt,
            Instant updatedAt) {

        QueueSettings settings() {
            return new QueueSettings(name, paused, concurrencyLimit, ratePerSecond, updatedAt);
        }
    }

    private final StoreDb db;
    private final Dialect d;

    QueueRows(StoreDb db) {
        this.db = db;
        this.d = db.dialect();
    }

    List<QueueRow> all(Connection c) throws SQLException {
        return JdbcRunner.query(
                c,
                "SELECT " + COLUMNS + " FROM tf_queue WHERE tenant_id = ? ORDER BY name",
                db.args().text(TENANT),
                this::map);
    }

    /**
     * The rows of those of {@code names} that are paused or limited, locked until the transaction
     * ends, in name order (so two claimers locking several rows cannot deadlock). Queues without a
     * row, or with a row that limits nothing, are not locked: their claimers never wait for each
     * other.
     */
    List<QueueRow> limitedLocked(Connection c, Collection<String> names) throws SQLException {
        return JdbcRunner.query(
                c,
                "SELECT " + COLUMNS + " FROM tf_queue WHERE tenant_id = ? AND " + d.anyOf("name")
                        + " AND (paused = TRUE OR concurrency_limit IS NOT NULL OR rate_per_second IS NOT NULL)"
                        + " ORDER BY name" + d.forUpdate(),
                db.args().text(TENANT).texts(names),
                this::map);
    }

    /** The queue's row, created with default settings if it has none, locked until the transaction ends. */
    QueueRow lockedCreatingIfMissing(Connection c, String name, Instant now) throws SQLException {
        // Insert first, then lock: two callers creating the same queue both succeed, one after the other.
        JdbcRunner.update(
                c,
                "INSERT INTO tf_queue (tenant_id, name, paused, updated_at) VALUES (?, ?, FALSE, ?)"
                        + " ON CONFLICT (tenant_id, name) DO NOTHING",
                db.args().text(TENANT).text(name).instant(now));
        return JdbcRunner.queryFirst(
                        c,
                        "SELECT " + COLUMNS + " FROM tf_queue WHERE tenant_id = ? AND name = ?" + d.forUpdate(),
                        db.args().text(TENANT).text(name),
                        this::map)
                .orElseThrow(() -> new IllegalStateException("queue row " + name + " vanished under a row lock"));
    }

    void write(Connection c, QueueRow row) throws SQLException {
        int changed = JdbcRunner.update(
                c,
                "UPDATE tf_queue SET paused = ?, concurrency_limit = ?, rate_per_second = ?, tokens = ?,"
                        + " tokens_at = ?, updated_at = ? WHERE tenant_id = ? AND name = ?",
                db.args()
                        .bool(row.paused())
                        .integer(row.concurrencyLimit())
                        .real(row.ratePerSecond())
                        .real(row.tokens())
                        .instant(row.tokensAt())
                        .instant(row.updatedAt())
                        .text(TENANT)
                        .text(row.name()));
        if (changed != 1) {
            throw new IllegalStateException("queue " + row.name() + " changed under a row lock (" + changed + " rows)");
        }
    }

    /** Stores the bucket's state after a claim took tokens; the settings stay as they are. */
    void writeTokens(Connection c, String name, double tokens, Instant at) throws SQLException {
        JdbcRunner.update(
                c,
                "UPDATE tf_queue SET tokens = ?, tokens_at = ? WHERE tenant_id = ? AND name = ?",
                db.args().real(tokens).instant(at).text(TENANT).text(name));
    }

    private QueueRow map(ResultSet rs) throws SQLException {
        int limit = rs.getInt("concurrency_limit");
        Integer concurrencyLimit = rs.wasNull() ? null : limit;
        return new QueueRow(
                rs.getString("name"),
                rs.getBoolean("paused"),
                concurrencyLimit,
                nullableDouble(rs, "rate_per_second"),
                nullableDouble(rs, "tokens"),
                d.readInstant(rs, "tokens_at"),
                d.readInstant(rs, "updated_at"));
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}
