package io.taskforge.store.jdbc.dialect;

import com.zaxxer.hikari.HikariConfig;
import io.taskforge.jdbc.ConnectionSource;
import io.taskforge.jdbc.SqlWork;
import io.taskforge.jdbc.ValueBinder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * What differs between the databases the store runs on. The store writes its SQL once; where a
 * database needs another shape or another binding it asks here. One class per database.
 */
public interface Dialect {

    /** Short lower-case name; also the folder of this dialect's migrations. */
    String name();

    /**
     * True when the database admits one writer at a time (SQLite): the store then queues its
     * own writers on a Java lock, which is far cheaper than the database's busy-wait loop.
     */
    boolean singleWriter();

    /**
     * True when other processes' commits can be heard: PostgreSQL LISTEN/NOTIFY, a change watch on
     * SQLite's file.
     */
    boolean supportsListenNotify();

    // ---- SQL shapes ------------------------------------------------------------------------------

    /**
     * The claim statement: takes up to N ready tasks of one queue in claim order and applies {@code
     * assignments} to them, returning {@code columns}. Parameters: those of {@code assignments},
     * then the queue, then N.
     *
     * <p>One queue, compared with {@code =}, so that the claim index gives the rows in claim order
     * and the scan stops after N: with a list of queues the database would have to sort every ready
     * task of them first, and a claim would cost as much as the backlog is long.
     */
    String claimSql(String assignments, List<String> columns);

    /**
     * A FROM item named {@code u} whose rows are the elements of bound arrays, one array per
     * column, bound with {@link #texts()} (every value as text; null allowed): many rows written by
     * one statement. Empty when the database takes no arrays; the caller then runs one statement
     * per row, in a JDBC batch.
     *
     * @param columns the column names of {@code u}, each with its SQL type
     */
    Optional<String> arrayRows(List<Map.Entry<String, String>> columns);

    /**
     * Inside a transaction: the following statements are planned for the values bound to them. A
     * plan made once for any values (PostgreSQL's generic plan of a prepared statement) guesses ten
     * elements per bound array, and turned a join over {@link #arrayRows} of a thousand into a
     * million comparisons.
     */
    void planForBoundValues(Connection c) throws SQLException;

    /**
     * The claim's UPDATE ({@code claimUpdate}, which RETURNs the task columns) extended, where one
     * statement can write two tables, to also append each claimed task's event and return its
     * tags: the claim then costs one round trip instead of three. The event is {@code (task_id,
     * at, type, from_status, to_status, attempt, actor)} with {@code type}, {@code from} and {@code
     * to} as given and two more parameters after the UPDATE's: {@code at}, then {@code actor}.
     * The rows carry a {@code tags} column like {@link #tagsOf}. Empty elsewhere (SQLite).
     */
    default Optional<String> claimWithEventsSql(String claimUpdate, String eventType, String from, String to) {
        return Optional.empty();
    }

    /**
     * Inside a transaction: runs {@code work}, whose statements read ready tasks in claim order,
     * so that they take that order from the claim index instead of sorting. A queue table's
     * statistics are stale more often than not (a bulk insert, a drained backlog); from them a
     * planner may judge that reading any index on the queue and sorting everything found is as
     * cheap, and a claim then costs as much as the backlog is long.
     */
    <T> T inClaimOrder(Connection c, SqlWork<T> work) throws SQLException;

    /** Appended to a SELECT inside a write transaction to lock the rows it reads. */
    String forUpdate();

    /** Like {@link #forUpdate()}, but rows locked by another transaction are skipped. */
    String forUpdateSkipLocked();

    /** A predicate "{@code column} is one of a bound list" with one parameter. */
    String anyOf(String column);

    /**
     * A case-insensitive "contains" predicate with one parameter: a LIKE pattern whose
     * wildcards in the search text are escaped with {@code !}.
     */
    String containsIgnoreCase(String column);

    /**
     * An expression for the start of the UTC minute an instant column falls in, read back with
     * {@link #readInstant}.
     */
    String minuteOf(String instantColumn);

    /**
     * Run times by type over {@code rows} (a FROM clause with its WHERE; its parameters are the
     * statement's) having columns {@code type}, {@code started_at} and {@code finished_at}. Answers
     * columns {@code type}, {@code n}, {@code p50}, {@code p95}, {@code p99} and {@code max_ms}: the
     * count, the nearest-rank percentiles (the run time at rank {@code ceil(p * n / 100)}) and the
     * maximum of {@code finished_at - started_at} in milliseconds, negative ones read as 0.
     */
    String runTimeStatsSql(String rows);

    /**
     * An expression for the tags of the task whose id is {@code taskIdColumn}, in their stored
     * order, read back with {@link #readStringList}; an empty list for a task without tags.
     */
    String tagsOf(String taskIdColumn);

    // ---- binding and reading ---------------------------------------------------------------------

    ValueBinder<String> id();

    /** A list of ids for {@link #anyOf}. */
    ValueBinder<Collection<String>> ids();

    /** A list of strings for {@link #anyOf}. */
    ValueBinder<Collection<String>> texts();

    ValueBinder<Instant> instant();

    /** JSON text (null allowed). */
    ValueBinder<String> json();

    /** A list of strings stored in one column. */
    ValueBinder<List<String>> stringList();

    String readId(ResultSet rs, String column) throws SQLException;

    Instant readInstant(ResultSet rs, String column) throws SQLException;

    String readJson(ResultSet rs, String column) throws SQLException;

    List<String> readStringList(ResultSet rs, String column) throws SQLException;

    // ---- bulk inserts ------------------------------------------------------------------------------

    /**
     * Inserts one row per item into {@code table}, in the caller's transaction: the fastest way
     * this database takes many rows at once (PostgreSQL {@code COPY}, SQLite a batch of one prepared
     * INSERT). {@code writer} gives each row's values in the order of {@code columns}. A unique
     * violation surfaces as the same {@link SQLException} an INSERT would raise.
     */
    <T> void insertAll(
            Connection c,
            String table,
            List<String> columns,
            Collection<? extends T> items,
            RowWriter<? super T> writer)
            throws SQLException;

    // ---- connections, wake-ups and locks ---------------------------------------------------------

    /** Pool settings for a URL of this database. */
    HikariConfig poolConfig(String jdbcUrl, PoolTuning tuning);

    /** One-time preparation of a database reached through a pool the application built. */
    void prepare(DataSource dataSource) throws SQLException;

    /** Inside a transaction: tells other processes, at commit, that these queues have ready tasks. */
    void notifyQueued(Connection c, Set<String> queues) throws SQLException;

    /** Inside a transaction: tells other processes, at commit, to stop these running tasks. */
    void notifyCancelRequested(Connection c, Set<String> taskIds) throws SQLException;

    /**
     * Inside a transaction, before appending log lines: makes appends to the same task commit in
     * the order their sequence numbers were drawn, so a reader paging by sequence never skips a
     * line that commits late.
     */
    void serializeLogAppends(Connection c, Set<String> taskIds) throws SQLException;

    /**
     * One task inserted alone as one statement: its row, its CREATED event and, when {@code
     * notify}, the NOTIFY of its queue. Run in auto-commit it is the whole transaction: one round
     * trip instead of four for the most common write there is, a single submit. The event is of
     * {@code eventType}. Parameters: the
     * task's columns in the order given, then the event's {@code at}, {@code to_status}, {@code
     * attempt} and {@code actor}, then (when notifying) the queue. Empty where one statement
     * cannot write two tables (SQLite, where a round trip costs nothing anyway).
     */
    default Optional<String> insertTaskAloneSql(List<String> taskColumns, String eventType, boolean notify) {
        return Optional.empty();
    }

    /** Binds one row from parameter 1 on, as {@link #insertAll} binds each; returns how many it bound. */
    default <T> int bindRow(PreparedStatement ps, T item, RowWriter<? super T> writer) throws SQLException {
        return BatchInsert.bindRow(this, ps, item, writer);
    }

    /**
     * Starts listening on connections from {@code source} (reconnecting as needed); closing the
     * returned handle stops it. Only when {@link #supportsListenNotify()}.
     */
    AutoCloseable listen(ConnectionSource source, NotificationSink sink);
}
