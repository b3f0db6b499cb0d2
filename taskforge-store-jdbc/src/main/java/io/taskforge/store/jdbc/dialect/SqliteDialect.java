package io.taskforge.store.jdbc.dialect;

import com.zaxxer.hikari.HikariConfig;
import io.taskforge.jdbc.ConnectionSource;
import io.taskforge.jdbc.JdbcRunner;
import io.taskforge.jdbc.Params;
import io.taskforge.jdbc.SqlWork;
import io.taskforge.jdbc.ValueBinder;
import io.taskforge.json.JsonCodec;
import io.taskforge.json.jackson.JacksonJsonCodec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * SQLite: one writer at a time, so there are no row locks to take or skip, and {@code BEGIN
 * IMMEDIATE} makes every read-then-write transaction atomic. Ids are lower-case text (as
 * PostgreSQL prints uuids, so both compare and sort alike), instants epoch milliseconds, lists
 * JSON arrays (read back with {@code json_each}).
 */
final class SqliteDialect implements Dialect {
    private static final int DEFAULT_POOL_SIZE = 8;
    private static final JsonCodec JSON = new JacksonJsonCodec();

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public boolean singleWriter() {
        return true;
    }

    @Override
    public boolean supportsListenNotify() {
        // Not NOTIFY, but the same promise: SqliteChangeWatcher hears other processes' commits.
        return true;
    }

    @Override
    public String claimSql(String assignments, List<String> columns) {
        // RETURNING may only name plain columns of the updated table (no alias), and gives rows
        // in no particular order: the caller sorts them into claim order.
        return "UPDATE tf_task SET " + assignments
                + " WHERE id IN (SELECT id FROM tf_task"
                + " WHERE status = 'QUEUED' AND deleted_at IS NULL AND queue = ?"
                + " ORDER BY priority DESC, run_at, id LIMIT ?)"
                + " RETURNING " + String.join(", ", columns);
    }

    @Override
    public Optional<String> arrayRows(List<Map.Entry<String, String>> columns) {
        // In-process statements cost microseconds each: a batch of one per row is as fast.
        return Optional.empty();
    }

    @Override
    public void planForBoundValues(Connection c) {
        // SQLite plans every statement for its values.
    }

    @Override
    public <T> T inClaimOrder(Connection c, SqlWork<T> work) throws SQLException {
        // SQLite's planner prefers an index that gives the ORDER BY; it has no statistics to go stale.
        return work.run(c);
    }

    @Override
    public String forUpdate() {
        return ""; // the transaction already holds the database's only write lock
    }

    @Override
    public String forUpdateSkipLocked() {
        return "";
    }

    @Override
    public String anyOf(String column) {
        return column + " IN (SELECT value FROM json_each(?))";
    }

    @Override
    public String containsIgnoreCase(String column) {
        // SQLite's LIKE ignores case for ASCII letters only; other scripts match case-sensitively.
        return column + " LIKE ? ESCAPE '!'";
    }

    @Override
    public String minuteOf(String instantColumn) {
        return "(" + instantColumn + " / 60000 * 60000)";
    }

    @Override
    public String runTimeStatsSql(String rows) {
        // No percentile aggregates: rank each type's run times with window functions and pick
        // the rows at the nearest ranks, ceil(p * n / 100) in integer arithmetic.
        return "WITH d AS (SELECT type, finished_at - started_at AS ms FROM " + rows + "),"
                + " r AS (SELECT type, ms, row_number() OVER (PARTITION BY type ORDER BY ms) AS rn,"
                + " count(*) OVER (PARTITION BY type) AS n FROM d)"
                + " SELECT type, n,"
                + " max(0, max(CASE WHEN rn = (50 * n + 99) / 100 THEN ms END)) AS p50,"
                + " max(0, max(CASE WHEN rn = (95 * n + 99) / 100 THEN ms END)) AS p95,"
                + " max(0, max(CASE WHEN rn = (99 * n + 99) / 100 THEN ms END)) AS p99,"
                + " max(0, max(ms)) AS max_ms"
                + " FROM r GROUP BY type, n";
    }

    @Override
    public String tagsOf(String taskIdColumn) {
        return "(SELECT json_group_array(tt.tag ORDER BY tt.position) FROM tf_task_tag tt WHERE tt.task_id = "
                + taskIdColumn + ")";
    }

    @Override
    public ValueBinder<String> id() {
        return (ps, i, v) -> Params.bindText(ps, i, v == null ? null : v.toLowerCase(Locale.ROOT));
    }

    @Override
    public ValueBinder<Collection<String>> ids() {
        return (ps, i, v) -> ps.setString(
                i, JSON.write(v.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList()));
    }

    @Override
    public ValueBinder<Collection<String>> texts() {
        return (ps, i, v) -> ps.setString(i, JSON.write(List.copyOf(v)));
    }

    @Override
    public ValueBinder<Instant> instant() {
        return (ps, i, v) -> {
            if (v == null) {
                ps.setNull(i, Types.BIGINT);
            } else {
                ps.setLong(i, v.toEpochMilli());
            }
        };
    }

    @Override
    public ValueBinder<String> json() {
        return Params::bindText;
    }

    @Override
    public ValueBinder<List<String>> stringList() {
        return (ps, i, v) -> ps.setString(i, JSON.write(v));
    }

    @Override
    public String readId(ResultSet rs, String column) throws SQLException {
        return rs.getString(column);
    }

    @Override
    public Instant readInstant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    @Override
    public String readJson(ResultSet rs, String column) throws SQLException {
        return rs.getString(column);
    }

    @Override
    public List<String> readStringList(ResultSet rs, String column) throws SQLException {
        String json = rs.getString(column);
        return json == null ? List.of() : Arrays.asList(JSON.read(json, String[].class));
    }

    @Override
    public <T> void insertAll(
            Connection c,
            String table,
            List<String> columns,
            Collection<? extends T> items,
            RowWriter<? super T> writer)
            throws SQLException {
        // In-process: a prepared INSERT run once per row costs no round trips, and there is no
        // faster bulk path to take.
        BatchInsert.run(this, c, table, columns, items, writer);
    }

    @Override
    public HikariConfig poolConfig(String jdbcUrl, PoolTuning tuning) {
        SQLiteConfig config = new SQLiteConfig();
        // WAL lets readers run beside the writer; the default journal (delete) blocks them.
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.valueOf(tuning.sqliteSynchronous()));
        // Waits for other processes sharing the file (in short steps: SqliteBusyWait); this
        // process's writers queue on a Java lock.
        config.setBusyTimeout(Math.toIntExact(tuning.busyTimeout().toMillis()));
        config.enforceForeignKeys(true);
        // Take the write lock when the transaction begins: a deferred transaction that reads and
        // then writes can fail with SQLITE_BUSY at once, without waiting, when another process
        // wrote in between.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource dataSource = SqliteBusyWait.dataSource(config, tuning.busyTimeout());
        dataSource.setUrl(jdbcUrl);

        HikariConfig pool = new HikariConfig();
        pool.setDataSource(dataSource);
        pool.setPoolName("taskforge-sqlite");
        pool.setMaximumPoolSize(tuning.maxPoolSize() > 0 ? tuning.maxPoolSize() : DEFAULT_POOL_SIZE);
        pool.setMinimumIdle(1);
        return pool;
    }

    @Override
    public void prepare(DataSource dataSource) throws SQLException {
        // The journal mode is stored in the file, so setting it once covers every connection of
        // the application's pool. busy_timeout and foreign_keys are per connection: the
        // application's pool must set them itself.
        try (Connection c = dataSource.getConnection()) {
            JdbcRunner.execute(c, "PRAGMA journal_mode = WAL");
        }
    }

    @Override
    public void notifyQueued(Connection c, Set<String> queues) {}

    @Override
    public void notifyCancelRequested(Connection c, Set<String> taskIds) {}

    @Override
    public void serializeLogAppends(Connection c, Set<String> taskIds) {
        // One writer at a time already commits appends in sequence order.
    }

    @Override
    public AutoCloseable listen(ConnectionSource source, NotificationSink sink) {
        return SqliteChangeWatcher.start(source, sink);
    }
}
