package io.taskforge.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskforge.store.TaskChange;
import io.taskforge.store.TaskChangePage;
import io.taskforge.store.TaskStore;
import io.taskforge.task.Task;
import io.taskforge.task.TaskStatus;
import io.taskforge.testkit.TaskFixtures;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The change feed on PostgreSQL while another transaction holds an event id it has not committed:
 * the page stops before the hole, and goes on once the hole fills or is stepped over.
 */
class PostgresChangeFeedGapTest {
    @RegisterExtension
    static final MigratedPostgres postgres = new MigratedPostgres();

    private TaskStore store;

    @BeforeEach
    void open() {
        postgres.emptyTables();
        store = JdbcStores.open(postgres.jdbcUrl());
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Opens a transaction that writes one status-change event of {@code task} and keeps it open. */
    private static Connection uncommittedEvent(Task task) throws Exception {
        Connection c = DriverManager.getConnection(postgres.jdbcUrl());
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tf_task_event"
                + " (task_id, at, type, from_status, to_status, attempt) VALUES (?, now(), 'cancelled', 'QUEUED',"
                + " 'CANCELLED', 0)")) {
            ps.setObject(1, UUID.fromString(task.id()));
            ps.executeUpdate();
        }
        return c;
    }

    private static List<String> taskIds(TaskChangePage page) {
        return page.changes().stream().map(c -> c.task().id()).toList();
    }

    @Test
    void a_page_stops_before_an_uncommitted_event_and_delivers_it_once_committed() throws Exception {
        Task a = store.taskInsertMany(List.of(TaskFixtures.aTask().build()))
                .getFirst()
                .task();
        long start = store.taskEventLatestId() - 1;
        Task b;
        try (Connection other = uncommittedEvent(a)) {
            b = store.taskInsertMany(List.of(TaskFixtures.aTask().build()))
                    .getFirst()
                    .task();

            TaskChangePage page = store.taskChangesAfter(start, 100);

            assertThat(taskIds(page)).containsExactly(a.id());
            assertThat(page.nextAfter()).isEqualTo(start + 1);
            assertThat(page.gap()).isNotNull();
            assertThat(page.gap().lastMissingId()).isEqualTo(start + 2);
            assertThat(page.gap().nextEventAt()).isEqualTo(b.createdAt());

            other.commit();
        }

        TaskChangePage next = store.taskChangesAfter(start + 1, 100);

        assertThat(next.changes())
                .extracting(TaskChange::toStatus)
                .containsExactly(TaskStatus.CANCELLED, TaskStatus.QUEUED);
        assertThat(taskIds(next)).containsExactly(a.id(), b.id());
        assertThat(next.gap()).isNull();
        assertThat(next.nextAfter()).isEqualTo(store.taskEventLatestId());
    }

    @Test
    void a_hole_left_by_a_rollback_stays_and_can_be_stepped_over() throws Exception {
        Task a = store.taskInsertMany(List.of(TaskFixtures.aTask().build()))
                .getFirst()
                .task();
        long start = store.taskEventLatestId();
        Task b;
        try (Connection other = uncommittedEvent(a)) {
            b = store.taskInsertMany(List.of(TaskFixtures.aTask().build()))
                    .getFirst()
                    .task();
            other.rollback();
        }

        TaskChangePage page = store.taskChangesAfter(start, 100);
        assertThat(page.changes()).isEmpty();
        assertThat(page.nextAfter()).isEqualTo(start);
        assertThat(page.gap()).isNotNull();

        TaskChangePage after = store.taskChangesAfter(page.gap().lastMissingId(), 100);

        assertThat(taskIds(after)).containsExactly(b.id());
        assertThat(after.gap()).isNull();
    }
}
