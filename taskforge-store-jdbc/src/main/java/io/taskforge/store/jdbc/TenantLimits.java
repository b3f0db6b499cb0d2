package io.taskforge.store.jdbc;

import io.taskforge.jdbc.JdbcRunner;
import io.taskforge.store.jdbc.dialect.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tenants' {@code max_running} quotas, as one claim must honour them: no task of a tenant that
 * runs as many as its quota allows, and no more of a tenant than it has room for.
 *
 * <p>Like {@link QueueLimits}, everything happens inside the claim's transaction: the rows of the
 * limited tenants are read {@code FOR UPDATE} (on PostgreSQL the claimers take turns while any
 * tenant has a quota; on SQLite the transaction already holds the only write lock), then their
 * RUNNING tasks are counted, from the small index of running tasks.
 *
 * <p>Most servers have no tenant with a quota, and their claims must not pay for the feature: which
 * tenants have one is remembered for a second, so such a claim costs one read of {@code tf_tenant}
 * per second and nothing per claim. A quota set through this server's stores is seen by its next
 * claim ({@link #forget}); one set through another server within a second.
 */
final class TenantLimits {
    /** How long the list of limited tenants is trusted before it is read again. */
    private static final long RECHECK_NANOS = 1_000_000_000L;

    /**
     * What one claim may take of the limited tenants' tasks.
     *
     * @param full tenants with no room: none of their tasks may be claimed
     * @param room the other limited tenants, with the most tasks of each this claim may take
     */
    record Room(Set<String> full, Map<String, Integer> room) {
        static final Room UNLIMITED = new Room(Set.of(), Map.of());

        boolean unlimited() {
            return full.isEmpty() && room.isEmpty();
        }

        /** Whether a tenant's task may be taken after {@code taken} of its tasks already were. */
        boolean allows(String tenantId, int taken) {
            if (full.contains(tenantId)) {
                return false;
            }
            Integer most = room.get(tenantId);
            return most == null || taken < most;
        }
    }

    private record Known(List<String> tenantIds, long readAtNanos) {}

    private final StoreDb db;
    private final Dialect d;
    private volatile Known known;

    TenantLimits(StoreDb db) {
        this.db = db;
        this.d = db.dialect();
    }

    /** Forgets which tenants have quotas, so the next claim reads them again. */
    void forget() {
        known = null;
    }

    /** Locks the limited tenants' rows and answers how much room each has. */
    Room room(Connection c) throws SQLException {
        List<String> limited = limitedTenants(c);
        if (limited.isEmpty()) {
            return Room.UNLIMITED;
        }
        Map<String, Integer> quotas = new HashMap<>();
        JdbcRunner.query(
                c,
                "SELECT id, max_running FROM tf_tenant WHERE " + d.anyOf("id")
                        + " AND max_running IS NOT NULL AND deleted_at IS NULL ORDER BY id" + d.forUpdate(),
                db.args().texts(limited),
                rs -> quotas.put(rs.getString("id"), rs.getInt("max_running")));
        if (quotas.isEmpty()) {
            return Room.UNLIMITED;
        }
        Map<String, Long> running = new HashMap<>();
        JdbcRunner.query(
                c,
                "SELECT tenant_id, count(*) AS n FROM tf_task WHERE status = 'RUNNING' AND deleted_at IS NULL AND "
                        + d.anyOf("tenant_id") + " GROUP BY tenant_id",
                db.args().texts(quotas.keySet()),
                rs -> running.put(rs.getString("tenant_id"), rs.getLong("n")));
        Set<String> full = new HashSet<>();
        Map<String, Integer> room = new HashMap<>();
        quotas.forEach((tenant, quota) -> {
            long left = quota - running.getOrDefault(tenant, 0L);
            if (left <= 0) {
                full.add(tenant);
            } else {
                room.put(tenant, (int) left);
            }
        });
        return new Room(full, room);
    }

    private List<String> limitedTenants(Connection c) throws SQLException {
        Known k = known;
        long now = System.nanoTime();
        if (k == null || now - k.readAtNanos() > RECHECK_NANOS) {
            List<String> ids = new ArrayList<>(JdbcRunner.query(
                    c,
                    "SELECT id FROM tf_tenant WHERE max_running IS NOT NULL AND deleted_at IS NULL ORDER BY id",
                    db.args(),
                    rs -> rs.getString("id")));
            k = new Known(List.copyOf(ids), now);
            known = k;
        }
        return k.tenantIds();
    }
}
