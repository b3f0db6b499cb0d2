package io.taskforge.store.jdbc;

import io.taskforge.store.TaskStore;
import io.taskforge.testkit.EngineContract;
import io.taskforge.testkit.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The engine on a real PostgreSQL database created for this class; tables are emptied per test. */
class PostgresEngineTest extends EngineContract {
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
    protected int clusterTaskCount() {
        return 10_000;
    }

    @Override
    protected TaskStore newStore() {
        PostgresTaskStoreTest.emptyTables(database.jdbcUrl());
        return JdbcStores.open(database.jdbcUrl());
    }

    @Override
    protected TaskStore sameDatabaseAgain() {
        return JdbcStores.open(database.jdbcUrl());
    }
}
