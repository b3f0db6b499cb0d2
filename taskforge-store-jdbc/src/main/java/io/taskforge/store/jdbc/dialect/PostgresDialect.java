package io.taskforge.store.jdbc.dialect;

import com.zaxxer.hikari.HikariConfig;
import io.taskforge.jdbc.ConnectionSource;
import io.taskforge.jdbc.JdbcRunner;
import io.taskforge.jdbc.SqlWork;
import io.taskforge.jdbc.ValueBinder;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * PostgreSQL: many writers, so claims lock the rows they take and skip the ones others hold;
 * wake-ups travel as NOTIFY. Ids bind as {@code uuid}, instants as {@code timestamptz} (with an
 * explicit offset, so the session time zone never matters), JSON as untyped text the server
 * casts to the column's {@code json} or {@code jsonb}, lists as arrays.
 */
final class PostgresDialect implements Dialect {
    static final String QUEUED_CHANNEL = "taskforge_queued";
    static final String CANCEL_CHANNEL = "taskforge_cancel";
    private static final int DEFAULT_POOL_SIZE = 10;
    /** Bulk inserts of fewer rows are sent as INSERTs; see {@link #insertAll}. */
    private static final int COPY_MIN_ROWS = 32;

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public boolean singleWriter() {
        return false;
    }

    @Override
    public boolean supportsListenNotify() {
        return true;
    }

    @Override
    public String claimSql(String assignments, List<String> columns) {
        // SKIP LOCKED: concurrent claimers each take other rows instead of queueing on the same
        // first ones. The ids are picked and locked by the inner SELECT, in the claim index's
        // order; "id = ANY(ARRAY(...))" then updates them by primary key, whatever the planner
        // thinks of the table's (often stale) statistics: a join here once made it read the whole
        // table on every claim.
        return "UPDATE tf_task SET " + assignments
                + " WHERE id = ANY(ARRAY(SELECT id FROM tf_task"
                + " WHERE status = 'QUEUED' AND deleted_at IS NULL AND queue = ?"
                + " ORDER BY priority DESC, run_at, id LIMIT ? FOR UPDATE SKIP LOCKED))"
                + " RETURNING " + String.join(", ", columns);
    }

    @Override
    public Optional<String> arrayRows(List<Map.Entry<String, String>> columns) {
        // unnest of several arrays zips them into rows; text arrays cast to the column types.
        return Optional.of("unnest("
                + String.join(
                        ", ",
                        columns.stream().map(c -> "?::" + c.getValue() + "[]").toList())
                + ") AS u("
                + String.join(", ", columns.stream().map(Map.Entry::getKey).toList()) + ")");
    }

    @Override
    public void planForBoundValues(Connection c) throws SQLException {
        // JIT off as well: see inClaimOrder.
        try (Statement st = c.createStatement()) {
            st.execute(
                    "SELECT set_config('plan_cache_mode', 'force_custom_plan', true), set_config('jit', 'off', true)");
        }
    }

    @Override
    public <T> T inClaimOrder(Connection c, SqlWork<T> work) throws SQLException {
        // A plan with a Sort node costs "disabled" now: only the claim index gives the order. It
        // stays so until the claim's transaction ends (is_local): what follows the claim in it
        // has nothing to sort, and switching it back would cost a round trip. A disabled node adds
        // a huge cost, which would make PostgreSQL JIT-compile the statement (measured: 340 ms for
        // a claim of 10 whose tag lookup sorts): JIT is switched off for the transaction too. A
        // claim is a short statement that JIT never pays off for.
        try (Statement st = c.createStatement()) {
            st.execute("SELECT set_config('enable_sort', 'off', true), set_config('jit', 'off', true)");
        }
        return work.run(c);
    }

    @Override
    public Optional<String> claimWithEventsSql(String claimUpdate, String eventType, String from, String to) {
        // The INSERT reads the UPDATE's RETURNING: the event gets the attempt the claim just
        // started. Event ids follow no particular order among one claim's tasks, as before.
        return Optional.of("WITH c AS (" + claimUpdate + "),"
                + " e AS (INSERT INTO tf_task_event (task_id, at, type, from_status, to_status, attempt, actor)"
                + " SELECT id, ?, '" + eventType + "', '" + from + "', '" + to + "', attempt, ? FROM c)"
                + " SELECT c.*, " + tagsOf("c.id") + " AS tags FROM c");
    }

    @Override
    public String forUpdate() {
        return " FOR UPDATE";
    }

    @Override
    public String forUpdateSkipLocked() {
        return " FOR UPDATE SKIP LOCKED";
    }

    @Override
    public String anyOf(String column) {
        return column + " = ANY(?)";
    }

    @Override
    public String containsIgnoreCase(String column) {
        return column + " ILIKE ? ESCAPE '!'";
    }

    @Override
    public String minuteOf(String instantColumn) {
        // Truncates in the session's zone, which gives the same instant as in UTC: every zone's
        // offset today is whole minutes. The three-argument form (zone 'UTC') costs twice as much
        // per row, which shows over a week of finished tasks.
        return "date_trunc('minute', " + instantColumn + ")";
    }

    @Override
    public String runTimeStatsSql(String rows) {
        // percentile_disc is the nearest-rank percentile; one sort per type serves all three.
        // Sorting intervals and converting only the results is cheaper than converting every row.
        return "SELECT type, n, " + millis("p[1]") + " AS p50, " + millis("p[2]") + " AS p95, "
                + millis("p[3]") + " AS p99, " + millis("mx") + " AS max_ms"
                + " FROM (SELECT type, count(*) AS n,"
                + " percentile_disc(ARRAY[0.5, 0.95, 0.99]::float8[]) WITHIN GROUP"
                + " (ORDER BY finished_at - started_at) AS p,"
                + " max(finished_at - started_at) AS mx FROM " + rows + " GROUP BY type) s";
    }

    @Override
    public String tagsOf(String taskIdColumn) {
        return "ARRAY(SELECT tt.tag FROM tf_task_tag tt WHERE tt.task_id = " + taskIdColumn + " ORDER BY tt.position)";
    }

    private static String millis(String interval) {
        return "GREATEST(0, round(extract(epoch FROM " + interval + ") * 1000))::bigint";
    }

    @Override
    public ValueBinder<String> id() {
        return (ps, i, v) -> {
            if (v == null) {
                ps.setNull(i, Types.OTHER);
            } else {
                ps.setObject(i, UUID.fromString(v));
            }
        };
    }

    @Override
    public ValueBinder<Collection<String>> ids() {
        return (ps, i, v) -> ps.setArray(
                i,
                ps.getConnection()
                        .createArrayOf("uuid", v.stream().map(UUID::fromString).toArray()));
    }

    @Override
    public ValueBinder<Collection<String>> texts() {
        return (ps, i, v) -> ps.setArray(i, ps.getConnection().createArrayOf("text", v.toArray()));
    }

    @Override
    public ValueBinder<Instant> instant() {
        return (ps, i, v) -> {
            if (v == null) {
                ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                ps.setObject(i, v.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
            }
        };
    }

    @Override
    public ValueBinder<String> json() {
        return (ps, i, v) -> {
            if (v == null) {
                ps.setNull(i, Types.OTHER);
            } else {
                ps.setObject(i, v, Types.OTHER);
            }
        };
    }

    @Override
    public ValueBinder<List<String>> stringList() {
        return (ps, i, v) -> ps.setArray(i, ps.getConnection().createArrayOf("text", v.toArray()));
    }

    @Override
    public String readId(ResultSet rs, String column) throws SQLException {
        return rs.getString(column);
    }

    @Override
    public Instant readInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    @Override
    public String readJson(ResultSet rs, String column) throws SQLException {
        return rs.getString(column);
    }

    @Override
    public List<String> readStringList(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        if (array == null) {
            return List.of();
        }
        try {
            return Arrays.asList((String[]) array.getArray());
        } finally {
            array.free();
        }
    }

    @Override
    public <T> void insertAll(
            Connection c,
            String table,
            List<String> columns,
            Collection<? extends T> items,
            RowWriter<? super T> writer)
            throws SQLException {
        // COPY takes one round trip more than a batch of INSERTs (the server answers the COPY
        // before it takes rows), which only pays off when there are rows enough to parse fast.
        if (items.size() < COPY_MIN_ROWS) {
            BatchInsert.run(this, c, table, columns, items, writer);
        } else {
            PostgresCopy.run(c, table, columns, items, writer);
        }
    }

    @Override
    public HikariConfig poolConfig(String jdbcUrl, PoolTuning tuning) {
        HikariConfig pool = new HikariConfig();
        // Lets the driver send a JDBC batch of INSERTs as multi-row statements.
        pool.setJdbcUrl(withParameter(jdbcUrl, "reWriteBatchedInserts", "true"));
        pool.setPoolName("taskforge-postgresql");
        pool.setMaximumPoolSize(tuning.maxPoolSize() > 0 ? tuning.maxPoolSize() : DEFAULT_POOL_SIZE);
        return pool;
    }

    static String withParameter(String url, String name, String value) {
        int query = url.indexOf('?');
        if (query >= 0) {
            for (String pair : url.substring(query + 1).split("&")) {
                if (pair.startsWith(name + "=")) {
                    return url; // the caller chose
                }
            }
        }
        return url + (query >= 0 ? "&" : "?") + name + "=" + value;
    }

    @Override
    public void prepare(DataSource dataSource) {}

    @Override
    public Optional<String> insertTaskAloneSql(List<String> taskColumns, String eventType, boolean notify) {
        String values = String.join(", ", Collections.nCopies(taskColumns.size(), "?"));
        return Optional.of("WITH t AS (INSERT INTO tf_task (" + String.join(", ", taskColumns) + ") VALUES (" + values
                + ") RETURNING id),"
                + " e AS (INSERT INTO tf_task_event (task_id, at, type, to_status, attempt, actor)"
                + " SELECT id, ?, '" + eventType + "', ?, ?, ? FROM t)"
                // pg_notify is delivered at commit, so only if the insert committed.
                + (notify ? " SELECT pg_notify('" + QUEUED_CHANNEL + "', ?) FROM t" : " SELECT id FROM t"));
    }

    @Override
    public void notifyQueued(Connection c, Set<String> queues) throws SQLException {
        notify(c, QUEUED_CHANNEL, queues);
    }

    @Override
    public void notifyCancelRequested(Connection c, Set<String> taskIds) throws SQLException {
        notify(c, CANCEL_CHANNEL, taskIds);
    }

    private void notify(Connection c, String channel, Set<String> payloads) throws SQLException {
        if (payloads.isEmpty()) {
            return;
        }
        // Delivered at commit, and not at all on rollback: listeners never hear of work that
        // did not happen.
        JdbcRunner.query(
                c,
                "SELECT pg_notify(?, p) FROM unnest(?) AS p",
                ps -> {
                    ps.setString(1, channel);
                    texts().bind(ps, 2, payloads);
                },
                rs -> null);
    }

    @Override
    public void serializeLogAppends(Connection c, Set<String> taskIds) throws SQLException {
        if (taskIds.isEmpty()) {
            return;
        }
        // Sequence values are drawn at insert but become visible at commit. Two appends to one
        // task could commit in the other order, and a reader that already paged past the later
        // value would never see the earlier one. A transaction-scoped advisory lock per task
        // makes appends to one task take turns; taken in key order so two appends to the same
        // tasks cannot deadlock.
        JdbcRunner.query(
                c,
                "SELECT count(pg_advisory_xact_lock(k)) FROM (SELECT DISTINCT"
                        + " hashtextextended('taskforge.log:' || x, 0) AS k FROM unnest(?) AS x ORDER BY k) AS keys",
                ps -> texts().bind(ps, 1, taskIds),
                rs -> null);
    }

    @Override
    public AutoCloseable listen(ConnectionSource source, NotificationSink sink) {
        return PostgresNotificationFeed.start(source, sink);
    }
}
