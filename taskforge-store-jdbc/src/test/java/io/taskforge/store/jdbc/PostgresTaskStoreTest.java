package io.taskforge.store.jdbc;

import io.taskforge.store.TaskStore;
import io.taskforge.testkit.TaskStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract on a real PostgreSQL database, created for this class and dropped after it. */
class PostgresTaskStoreTest extends TaskStoreContract {
    @RegisterExtension
    static final MigratedPostgres postgres = new MigratedPostgres();

    @Override
    protected TaskStore createStore() {
        postgres.emptyTables();
        return JdbcStores.open(postgres.jdbcUrl(), JdbcStoreOptions.defaults().withMaxPoolSize(12));
    }
}
