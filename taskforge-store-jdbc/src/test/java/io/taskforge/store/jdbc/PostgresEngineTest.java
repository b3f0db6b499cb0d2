package io.taskforge.store.jdbc;

import io.taskforge.store.TaskStore;
import io.taskforge.testkit.EngineContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The engine on a real PostgreSQL database created for this class; tables are emptied per test. */
class PostgresEngineTest extends EngineContract {
    @RegisterExtension
    static final MigratedPostgres postgres = new MigratedPostgres();

    @Override
    protected int clusterTaskCount() {
        return 10_000;
    }

    @Override
    protected TaskStore newStore() {
        postgres.emptyTables();
        return JdbcStores.open(postgres.jdbcUrl());
    }

    @Override
    protected TaskStore sameDatabaseAgain() {
        return JdbcStores.open(postgres.jdbcUrl());
    }
}
