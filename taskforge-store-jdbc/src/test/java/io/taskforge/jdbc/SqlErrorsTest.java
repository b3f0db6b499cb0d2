package io.taskforge.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskforge.testkit.PostgresTestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQL errors sorted by kind, on the real drivers: SQLite's vendor codes, PostgreSQL's SQLSTATEs. */
class SqlErrorsTest {
    @TempDir
    Path dir;

    private static JdbcException failure(Connection c, String sql) {
        try {
            JdbcRunner.execute(c, sql);
        } catch (SQLException e) {
            return SqlErrors.translate("test", e);
        }
        throw new AssertionError("expected " + sql + " to fail");
    }

    @Test
    void sqlite_unique_and_primary_key_violations_are_unique_violations() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("e.db"))) {
            JdbcRunner.execute(c, "CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT)");
            JdbcRunner.execute(c, "CREATE UNIQUE INDEX t_k_uidx ON t (k)");
            JdbcRunner.execute(c, "INSERT INTO t VALUES (1, 'a')");

            JdbcException unique = failure(c, "INSERT INTO t VALUES (2, 'a')");
            JdbcException primary = failure(c, "INSERT INTO t VALUES (1, 'b')");
            JdbcException syntax = failure(c, "INSERT INTO nowhere VALUES (1)");

            assertThat(unique)
                    .isInstanceOfSatisfying(
                            UniqueViolationException.class,
                            e -> assertThat(e.mentions("k")).isTrue());
            assertThat(primary).isInstanceOf(UniqueViolationException.class);
            assertThat(syntax).isExactlyInstanceOf(JdbcException.class);
        }
    }

    @Test
    void sqlite_busy_beyond_the_timeout_is_transient() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("busy.db");
        try (Connection holder = DriverManager.getConnection(url);
                Connection waiter = DriverManager.getConnection(url)) {
            JdbcRunner.execute(holder, "CREATE TABLE t (x INTEGER)");
            JdbcRunner.execute(waiter, "PRAGMA busy_timeout = 50");
            JdbcRunner.execute(holder, "BEGIN IMMEDIATE");
            try {
                assertThat(failure(waiter, "BEGIN IMMEDIATE")).isInstanceOf(TransientJdbcException.class);
            } finally {
                JdbcRunner.execute(holder, "ROLLBACK");
            }
        }
    }

    @Test
    void postgres_unique_violations_name_the_index() throws Exception {
        try (PostgresTestDatabase db = PostgresTestDatabase.create();
                Connection c = DriverManager.getConnection(db.jdbcUrl())) {
            JdbcRunner.execute(c, "CREATE TABLE t (id int PRIMARY KEY, k text)");
            JdbcRunner.execute(c, "CREATE UNIQUE INDEX t_k_uidx ON t (k)");
            JdbcRunner.execute(c, "INSERT INTO t VALUES (1, 'a')");

            JdbcException e = failure(c, "INSERT INTO t VALUES (2, 'a')");

            assertThat(e)
                    .isInstanceOfSatisfying(
                            UniqueViolationException.class,
                            u -> assertThat(u.mentions("t_k_uidx")).isTrue());
        }
    }

    @Test
    void a_failed_batch_is_judged_by_the_entry_that_failed() throws Exception {
        try (PostgresTestDatabase db = PostgresTestDatabase.create();
                Connection c = DriverManager.getConnection(db.jdbcUrl() + "&reWriteBatchedInserts=true")) {
            JdbcRunner.execute(c, "CREATE TABLE t (id int PRIMARY KEY, unique_key text)");
            JdbcRunner.execute(c, "CREATE UNIQUE INDEX t_unique_key_uidx ON t (unique_key)");

            JdbcException e;
            try {
                JdbcRunner.batch(c, "INSERT INTO t (id, unique_key) VALUES (?, ?)", List.of(1, 2, 1), (ps, id) -> {
                    ps.setInt(1, id);
                    ps.setString(2, "k" + id + "-" + System.nanoTime());
                });
                throw new AssertionError("expected the batch to fail");
            } catch (SQLException failure) {
                e = SqlErrors.translate("batch", failure);
            }

            // The batch's own message quotes the statement, column list included.
            assertThat(e).isInstanceOfSatisfying(UniqueViolationException.class, u -> {
                assertThat(u.constraint()).isEqualTo("t_pkey");
                assertThat(u.mentions("unique_key")).isFalse();
            });
            assertThat(e.getMessage()).doesNotContain("INSERT");
        }
    }

    @Test
    void a_transaction_rolls_back_when_its_work_throws() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("tx.db"))) {
            JdbcRunner.execute(c, "CREATE TABLE t (x INTEGER)");

            assertThatThrownBy(() -> Transactions.inTransaction(c, conn -> {
                        JdbcRunner.execute(conn, "INSERT INTO t VALUES (1)");
                        throw new IllegalStateException("work failed");
                    }))
                    .isInstanceOf(IllegalStateException.class);

            long rows = JdbcRunner.queryFirst(c, "SELECT count(*) FROM t", StatementBinder.NONE, rs -> rs.getLong(1))
                    .orElseThrow();
            assertThat(rows).isZero();
            assertThat(c.getAutoCommit()).isTrue();
        }
    }
}
