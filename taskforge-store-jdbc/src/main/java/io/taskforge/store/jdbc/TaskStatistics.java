package io.taskforge.store.jdbc;

import io.taskforge.jdbc.JdbcRunner;
import io.taskforge.store.TaskStats;
import io.taskforge.store.TaskStats.MinuteCount;
import io.taskforge.store.TaskStats.TypeDurations;
import io.taskforge.store.jdbc.dialect.Dialect;
import io.taskforge.task.TaskStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link io.taskforge.store.TaskStore#taskStats}: four read-only queries on one connection, none of
 * which reads the history outside the window.
 *
 * <ul>
 *   <li>Tasks not finished are counted whole, through {@code tf_task_status_created_idx}: a range
 *       of it per status, as long as the work waiting or running, not as the history.
 *   <li>Finished tasks are found through {@code tf_task_finished_idx} (finishedAt, covering status,
 *       type and startedAt; V5), so a window reads only the index entries of the tasks that finished
 *       in it: one pass counts them by minute and status.
 *   <li>Percentiles need every run time of a type in order, a sort that costs seconds for millions
 *       of rows on SQLite, so they read at most {@link #MAX_DURATION_ROWS} of the newest finished
 *       tasks: the boundary is found by stepping that far back through the same index.
 * </ul>
 *
 * Every query repeats the finished index's condition ({@code status IN (finished) AND deleted_at
 * IS NULL}) word for word: SQLite uses a partial index only when the query's WHERE names its terms.
 * A tenant's statistics add {@code tenant_id = ?} to every query after those terms: the partial
 * indexes still choose the rows, and the tenant is checked on each, so a tenant's numbers cost what
 * the whole server's do.
 */
final class TaskStatistics {
    /** How many finished tasks percentiles read at most; far more than an hour of a busy queue. */
    static final int MAX_DURATION_ROWS = 100_000;
    /** A week of minutes: the longest window this answers per minute. */
    static final Duration MAX_WINDOW = Duration.ofDays(7);

    private static final String FINISHED_IN_WINDOW = "tf_task WHERE status IN ('SUCCEEDED', 'FAILED', 'CANCELLED')"
            + " AND deleted_at IS NULL AND finished_at >= ? AND finished_at <= ?";
    /** Run times: the tasks that ran to an end, not those cancelled (maybe before they ever started). */
    private static final String RAN_IN_WINDOW = FINISHED_IN_WINDOW + " AND status <> 'CANCELLED'";

    private final StoreDb db;
    private final Dialect d;

    TaskStatistics(StoreDb db) {
        this.db = db;
        this.d = db.dialect();
    }

    /** @param tenantId the tenant whose tasks count, or null for every tenant's */
    TaskStats stats(String tenantId, Instant since, Instant now) {
        if (since.isAfter(now)) {
            throw new IllegalArgumentException("the window starts (" + since + ") after it ends (" + now + ")");
        }
        if (Duration.between(since, now).compareTo(MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("the window is longer than " + MAX_WINDOW.toDays() + " days");
        }
        Tenant tenant = new Tenant(tenantId);
        return db.read("read task statistics", c -> {
            Map<TaskStatus, Long> counts = countsOfUnfinished(c, tenant);
            List<MinuteCount> perMinute = perMinute(c, tenant, since, now, counts);
            Instant durationsSince = durationsSince(c, tenant, since, now);
            return new TaskStats(counts, perMinute, durations(c, tenant, durationsSince, now), durationsSince);
        });
    }

    /** The tenant condition of a query (empty for every tenant) and its parameter. */
    private record Tenant(String id) {
        String and() {
            return id == null ? "" : " AND tenant_id = ?";
        }

        Args bind(Args args) {
            return id == null ? args : args.text(id);
        }
    }

    /** Every status 0, then the unfinished ones counted. */
    private Map<TaskStatus, Long> countsOfUnfinished(Connection c, Tenant tenant) throws SQLException {
        Map<TaskStatus, Long> counts = new EnumMap<>(TaskStatus.class);
        for (TaskStatus s : TaskStatus.values()) {
            counts.put(s, 0L);
        }
        record StatusCount(TaskStatus status, long n) {}
        for (StatusCount sc : JdbcRunner.query(
                c,
                // One part per partial index that holds the status (see V7): a single IN list
                // matches none of them and read the whole table.
                "SELECT status, count(*) AS n FROM tf_task WHERE status IN ('PENDING', 'SCHEDULED', 'RETRYING')"
                        + " AND deleted_at IS NULL" + tenant.and() + " GROUP BY status"
                        + " UNION ALL SELECT 'QUEUED', count(*) FROM tf_task WHERE status = 'QUEUED' AND deleted_at IS NULL"
                        + tenant.and()
                        + " UNION ALL SELECT 'RUNNING', count(*) FROM tf_task"
                        + " WHERE status = 'RUNNING' AND deleted_at IS NULL" + tenant.and(),
                tenant.bind(tenant.bind(tenant.bind(db.args()))),
                rs -> new StatusCount(TaskStatus.valueOf(rs.getString("status")), rs.getLong("n")))) {
            counts.put(sc.status(), sc.n());
        }
        return counts;
    }

    /** Finishes by minute; adds the window's SUCCEEDED, FAILED and CANCELLED to {@code counts}. */
    private List<MinuteCount> perMinute(
            Connection c, Tenant tenant, Instant since, Instant now, Map<TaskStatus, Long> counts) throws SQLException {
        String minute = d.minuteOf("finished_at");
        record Row(MinuteCount count, long cancelled) {}
        Map<Instant, MinuteCount> counted = new HashMap<>();
        for (Row r : JdbcRunner.query(
                c,
                "SELECT " + minute + " AS minute,"
                        + " sum(CASE WHEN status = 'SUCCEEDED' THEN 1 ELSE 0 END) AS succeeded,"
                        + " sum(CASE WHEN status = 'FAILED' THEN 1 ELSE 0 END) AS failed,"
                        + " sum(CASE WHEN status = 'CANCELLED' THEN 1 ELSE 0 END) AS cancelled"
                        + " FROM " + FINISHED_IN_WINDOW + tenant.and() + " GROUP BY " + minute,
                tenant.bind(db.args().instant(since).instant(now)),
                rs -> new Row(
                        new MinuteCount(d.readInstant(rs, "minute"), rs.getLong("succeeded"), rs.getLong("failed")),
                        rs.getLong("cancelled")))) {
            counted.put(r.count().minute(), r.count());
            counts.merge(TaskStatus.SUCCEEDED, r.count().succeeded(), Long::sum);
            counts.merge(TaskStatus.FAILED, r.count().failed(), Long::sum);
            counts.merge(TaskStatus.CANCELLED, r.cancelled(), Long::sum);
        }
        // The database answers only minutes that had finishes; the contract has every minute.
        Instant last = now.truncatedTo(ChronoUnit.MINUTES);
        List<MinuteCount> minutes = new ArrayList<>();
        for (Instant m = since.truncatedTo(ChronoUnit.MINUTES); !m.isAfter(last); m = m.plus(1, ChronoUnit.MINUTES)) {
            MinuteCount found = counted.get(m);
            minutes.add(found != null ? found : new MinuteCount(m, 0, 0));
        }
        return minutes;
    }

    /** {@code since}, or the finish time of the newest {@link #MAX_DURATION_ROWS}th task when more finished. */
    private Instant durationsSince(Connection c, Tenant tenant, Instant since, Instant now) throws SQLException {
        Optional<Instant> boundary = JdbcRunner.queryFirst(
                c,
                "SELECT finished_at FROM " + RAN_IN_WINDOW + tenant.and()
                        + " ORDER BY finished_at DESC LIMIT 1 OFFSET ?",
                tenant.bind(db.args().instant(since).instant(now)).integer(MAX_DURATION_ROWS - 1),
                rs -> d.readInstant(rs, "finished_at"));
        return boundary.filter(b -> b.isAfter(since)).orElse(since);
    }

    private List<TypeDurations> durations(Connection c, Tenant tenant, Instant since, Instant now) throws SQLException {
        List<TypeDurations> byType = new ArrayList<>(JdbcRunner.query(
                c,
                d.runTimeStatsSql(RAN_IN_WINDOW + " AND started_at IS NOT NULL" + tenant.and()),
                tenant.bind(db.args().instant(since).instant(now)),
                rs -> new TypeDurations(
                        rs.getString("type"),
                        rs.getLong("n"),
                        rs.getLong("p50"),
                        rs.getLong("p95"),
                        rs.getLong("p99"),
                        rs.getLong("max_ms"))));
        byType.sort(Comparator.comparing(TypeDurations::type));
        return byType;
    }
}
