package io.taskforge.store.jdbc;

import io.taskforge.store.TaskStore;
import io.taskforge.testkit.ConcurrentSubmitContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Concurrent single submissions on a real PostgreSQL database created for this class. */
class PostgresConcurrentSubmitTest extends ConcurrentSubmitContract {
    @RegisterExtension
    static final MigratedPostgres postgres = new MigratedPostgres();

    @Override
    protected TaskStore newStore() {
        postgres.emptyTables();
        return JdbcStores.open(postgres.jdbcUrl());
    }
}
