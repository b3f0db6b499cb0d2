package io.taskforge.store.jdbc.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskforge.jdbc.JdbcRunner;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/** Another connection (standing in for another process) holding the write lock of the file. */
class SqliteBusyWaitTest {
    @TempDir
    Path dir;

    @Test
    void a_writer_waits_for_a_lock_released_within_the_timeout_and_then_gets_it() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("wait.db");
        try (Connection holder = holdingTheWriteLock(url);
                Connection waiter = waiting(url, Duration.ofSeconds(10))) {
            CountDownLatch trying = new CountDownLatch(1);
            CompletableFuture<Void> write = CompletableFuture.runAsync(() -> {
                trying.countDown();
                try {
                    JdbcRunner.execute(waiter, "INSERT INTO t VALUES (1)");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(trying.await(5, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(200);
            assertThat(write).isNotDone(); // still waiting for the lock
            JdbcRunner.execute(holder, "INSERT INTO t VALUES (0)");
            JdbcRunner.execute(holder, "COMMIT");

            write.get(10, TimeUnit.SECONDS);
            try (var st = holder.createStatement();
                    var rs = st.executeQuery("SELECT count(*) FROM t")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
        }
    }

    @Test
    void a_lock_held_past_the_timeout_fails_the_statement_as_busy() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("busy.db");
        try (Connection holder = holdingTheWriteLock(url);
                Connection waiter = waiting(url, Duration.ofMillis(100))) {
            try {
                assertThatThrownBy(() -> JdbcRunner.execute(waiter, "INSERT INTO t VALUES (1)"))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("BUSY");
            } finally {
                JdbcRunner.execute(holder, "ROLLBACK");
            }
        }
    }

    /** A connection of "another process" that made table t and holds the file's write lock. */
    private static Connection holdingTheWriteLock(String url) throws SQLException {
        Connection holder = DriverManager.getConnection(url);
        JdbcRunner.execute(holder, "CREATE TABLE t (x INTEGER)");
        JdbcRunner.execute(holder, "BEGIN IMMEDIATE");
        return holder;
    }

    private static Connection waiting(String url, Duration timeout) throws SQLException {
        var source = SqliteBusyWait.dataSource(new SQLiteConfig(), timeout);
        source.setUrl(url);
        return source.getConnection();
    }
}
