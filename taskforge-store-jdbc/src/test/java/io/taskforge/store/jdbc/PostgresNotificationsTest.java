package io.taskforge.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskforge.store.ClaimParams;
import io.taskforge.store.TaskStore;
import io.taskforge.task.Task;
import io.taskforge.testkit.RecordingListener;
import io.taskforge.testkit.SettableClock;
import io.taskforge.testkit.TaskFixtures;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * LISTEN/NOTIFY between two store objects on one database, as between two processes: the
 * listening store did not make the change, so only a notification can have told it.
 */
class PostgresNotificationsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final MigratedPostgres postgres = new MigratedPostgres();

    private final SettableClock clock = new SettableClock();

    @BeforeEach
    void emptyTables() {
        postgres.emptyTables();
    }

    @Test
    void a_second_store_hears_the_first_ones_insert_and_cancel() throws Exception {
        try (TaskStore writer = JdbcStores.open(postgres.jdbcUrl());
                TaskStore listener = JdbcStores.open(postgres.jdbcUrl())) {
            RecordingListener heard = new RecordingListener();
            AutoCloseable subscription = listener.subscribe(heard);
            try {
                assertThat(listener.hearsOtherProcesses()).isTrue();

                Task t = writer.taskInsertMany(
                                List.of(TaskFixtures.aTask().withQueue("remote").build()))
                        .getFirst()
                        .task();
                await().atMost(WAIT)
                        .untilAsserted(() -> assertThat(heard.queued()).contains("remote"));

                writer.taskClaim(new ClaimParams(
                        "w",
                        List.of("remote"),
                        1,
                        clock.instant(),
                        clock.instant().plusSeconds(30)));
                writer.taskCancel(t.id(), clock.instant(), "carol");
                await().atMost(WAIT)
                        .untilAsserted(() -> assertThat(heard.cancelRequests()).contains(t.id()));
            } finally {
                subscription.close();
            }
        }
    }

    @Test
    void a_rolled_back_write_notifies_nobody() throws Exception {
        try (TaskStore writer = JdbcStores.open(postgres.jdbcUrl());
                TaskStore listener = JdbcStores.open(postgres.jdbcUrl())) {
            RecordingListener heard = new RecordingListener();
            AutoCloseable subscription = listener.subscribe(heard);
            try {
                Task first = TaskFixtures.aTask().withQueue("rolled-back").build();
                Task duplicate = TaskFixtures.aTask()
                        .withId(first.id())
                        .withQueue("rolled-back")
                        .build();
                try {
                    writer.taskInsertMany(List.of(first, duplicate));
                } catch (RuntimeException expected) {
                    // the duplicate id fails the whole batch
                }
                writer.taskInsertMany(
                        List.of(TaskFixtures.aTask().withQueue("marker").build()));

                await().atMost(WAIT)
                        .untilAsserted(() -> assertThat(heard.queued()).contains("marker"));
                assertThat(heard.queued()).doesNotContain("rolled-back");
            } finally {
                subscription.close();
            }
        }
    }

    @Test
    void after_losing_its_connection_the_listener_catches_up_on_what_it_missed() throws Exception {
        try (TaskStore listener = JdbcStores.open(postgres.jdbcUrl())) {
            RecordingListener heard = new RecordingListener();
            AutoCloseable subscription = listener.subscribe(heard);
            try {
                // A ready task whose notification never went out (written behind the store's back).
                insertWithoutNotifying(TaskFixtures.aTask().withQueue("missed").build());
                assertThat(heard.queued()).doesNotContain("missed");

                terminateListeningSessions();

                await().atMost(WAIT)
                        .untilAsserted(() -> assertThat(heard.queued()).contains("missed"));
            } finally {
                subscription.close();
            }
        }
    }

    private static void insertWithoutNotifying(Task t) throws SQLException {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl());
                var ps = c.prepareStatement("INSERT INTO tf_task (id, type, queue, priority, status, max_attempts,"
                        + " timeout_seconds, run_at, created_at, updated_at)"
                        + " VALUES (?::uuid, ?, ?, 1, 'QUEUED', 3, 60, now(), now(), now())")) {
            ps.setString(1, t.id());
            ps.setString(2, t.type());
            ps.setString(3, t.queue());
            ps.executeUpdate();
        }
    }

    private static void terminateListeningSessions() throws SQLException {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND query LIKE 'LISTEN%'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("listening sessions terminated").isPositive();
        }
    }
}
