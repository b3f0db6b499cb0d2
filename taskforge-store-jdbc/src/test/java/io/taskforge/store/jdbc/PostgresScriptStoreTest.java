package io.taskforge.store.jdbc;

import io.taskforge.script.ScriptStore;
import io.taskforge.store.TaskStore;
import io.taskforge.testkit.PostgresTestDatabase;
import io.taskforge.testkit.ScriptStoreContract;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The script store contract on a real PostgreSQL database, created for this class and dropped
 * after it; tests empty the script tables instead of recreating the database.
 */
class PostgresScriptStoreTest extends ScriptStoreContract {
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
        try (Connection c = DriverManager.getConnection(database.jdbcUrl());
                Statement st = c.createStatement()) {
            st.execute("TRUNCATE tf_script_version, tf_script");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the test database", e);
        }
        return JdbcStores.open(database.jdbcUrl(), JdbcStoreOptions.defaults().withMaxPoolSize(12));
    }

    @Override
    protected ScriptStore scriptStore(TaskStore store) {
        return JdbcStores.scripts(store);
    }
}
