package io.taskforge.store.jdbc;

import io.taskforge.store.TaskStore;
import io.taskforge.testkit.PostgresTestDatabase;
import io.taskforge.testkit.TaskStoreContract;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The store contract on a real PostgreSQL database, created for this class and dropped after it.
 * Tests empty the tables instead of recreating the database, which keeps the suite fast.
 */
class PostgresTaskStoreTest extends TaskStoreContract {
    private static PostgresTestDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = PostgresTestDatabase.create();
        JdbcStores.migrate(database.jdbcUrl());
    }

    @AfterAll
    static void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @Override
    protected TaskStore createStore() {
        emptyTables(database.jdbcUrl());
        return JdbcStores.open(database.jdbcUrl(), JdbcStoreOptions.defaults().withMaxPoolSize(12));
    }

    static void emptyTables(String jdbcUrl) {
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                Statement st = c.createStatement()) {
            st.execute(
                    "TRUNCATE tf_task, tf_task_tag, tf_tag, tf_task_event, tf_task_log, tf_worker, tf_leader, tf_queue"
                            + " RESTART IDENTITY CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the test database", e);
        }
    }
}
