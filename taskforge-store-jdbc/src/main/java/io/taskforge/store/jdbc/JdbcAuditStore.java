package io.taskforge.store.jdbc;

import io.taskforge.audit.ActorKind;
import io.taskforge.audit.AuditEvent;
import io.taskforge.audit.AuditPage;
import io.taskforge.audit.AuditQuery;
import io.taskforge.audit.AuditStore;
import io.taskforge.audit.Outcome;
import io.taskforge.jdbc.JdbcRunner;
import io.taskforge.store.jdbc.dialect.Dialect;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * {@link AuditStore} over JDBC, sharing the {@link StoreDb} (pool, dialect, write lock) of the task
 * store it was opened from: get it with {@link JdbcStores#audit}.
 *
 * <p>The table has no UPDATE anywhere in this class, and the only DELETE is retention's. Pages are
 * keyset pages over {@code (at, id)} descending, which every index of the table (V12) ends with.
 */
final class JdbcAuditStore implements AuditStore {
    private static final String COLUMNS = "id, tenant_id, at, actor, actor_kind, action, target_type, target_id,"
            + " client_address, outcome, status, detail";

    private final StoreDb db;
    private final Dialect d;

    JdbcAuditStore(StoreDb db) {
        this.db = db;
        this.d = db.dialect();
    }

    @Override
    public void auditAppend(List<AuditEvent> events) {
        Objects.requireNonNull(events, "events");
        if (events.isEmpty()) {
            return;
        }
        List<AuditEvent> rows = List.copyOf(events);
        // ON CONFLICT DO NOTHING (PostgreSQL 9.5+, SQLite 3.24+): a batch written again after a commit
        // whose acknowledgement was lost must not fail on the events it already stored.
        db.write("append audit events", (c, scope) -> {
            JdbcRunner.batch(
                    c,
                    "INSERT INTO tf_audit_event (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT (id) DO NOTHING",
                    rows,
                    (ps, e) -> {
                        d.id().bind(ps, 1, e.id().toLowerCase(Locale.ROOT));
                        ps.setString(2, e.tenantId());
                        d.instant().bind(ps, 3, e.at());
                        ps.setString(4, e.actor());
                        ps.setString(5, e.actorKind().name());
                        ps.setString(6, e.action());
                        ps.setString(7, e.targetType());
                        ps.setString(8, e.targetId());
                        ps.setString(9, e.clientAddress());
                        ps.setString(10, e.outcome().name());
                        if (e.status() == null) {
                            ps.setNull(11, Types.INTEGER);
                        } else {
                            ps.setInt(11, e.status());
                        }
                        ps.setString(12, e.detail());
                    });
            return null;
        });
    }

    @Override
    public AuditPage auditList(AuditQuery q) {
        Objects.requireNonNull(q, "query");
        AuditCursor after = q.cursor() == null ? null : AuditCursor.decode(q.cursor());
        List<String> where = new ArrayList<>();
        Args args = db.args();
        equal(where, args, "tenant_id", q.tenantId());
        equal(where, args, "actor", q.actor());
        equal(where, args, "action", q.action());
        equal(where, args, "target_type", q.targetType());
        equal(where, args, "target_id", q.targetId());
        equal(where, args, "outcome", q.outcome() == null ? null : q.outcome().name());
        if (q.from() != null) {
            where.add("at >= ?");
            args.instant(q.from());
        }
        if (q.to() != null) {
            where.add("at < ?");
            args.instant(q.to());
        }
        if (after != null) {
            // A row value comparison: both databases walk the (..., at, id) indexes backwards from it.
            where.add("(at, id) < (?, ?)");
            args.instant(Instant.ofEpochMilli(after.atMillis())).id(after.id());
        }
        args.integer(q.limit() + 1);
        String sql = "SELECT " + COLUMNS + " FROM tf_audit_event"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY at DESC, id DESC LIMIT ?";
        List<AuditEvent> rows = db.read("list audit events", c -> JdbcRunner.query(c, sql, args, this::event));
        if (rows.size() <= q.limit()) {
            return new AuditPage(rows, null);
        }
        List<AuditEvent> page = rows.subList(0, q.limit());
        AuditEvent last = page.getLast();
        return new AuditPage(page, new AuditCursor(last.at().toEpochMilli(), last.id()).encode());
    }

    @Override
    public int auditPurge(Instant before, int limit) {
        Objects.requireNonNull(before, "before");
        if (limit < 1) {
            return 0;
        }
        return db.write(
                "purge old audit events",
                (c, scope) -> JdbcRunner.update(
                        c,
                        "DELETE FROM tf_audit_event WHERE id IN (SELECT id FROM tf_audit_event"
                                + " WHERE at < ? ORDER BY at LIMIT ?)",
                        db.args().instant(before).integer(limit)));
    }

    @Override
    public String toString() {
        return "JdbcAuditStore[" + d.name() + "]";
    }

    private static void equal(List<String> where, Args args, String column, String value) {
        if (value != null) {
            where.add(column + " = ?");
            args.text(value);
        }
    }

    private AuditEvent event(ResultSet rs) throws SQLException {
        int code = rs.getInt("status");
        Integer status = rs.wasNull() ? null : code;
        return new AuditEvent(
                d.readId(rs, "id"),
                rs.getString("tenant_id"),
                d.readInstant(rs, "at"),
                rs.getString("actor"),
                ActorKind.valueOf(rs.getString("actor_kind")),
                rs.getString("action"),
                rs.getString("target_type"),
                rs.getString("target_id"),
                rs.getString("client_address"),
                Outcome.valueOf(rs.getString("outcome")),
                status,
                rs.getString("detail"));
    }
}
