package io.taskforge.store.jdbc;

import io.taskforge.auth.AuthStore;
import io.taskforge.store.TaskStore;
import io.taskforge.testkit.AuthStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The auth store contract on a real PostgreSQL database, created for this class and dropped after it. */
class PostgresAuthStoreTest extends AuthStoreContract {
    @RegisterExtension
    static final MigratedPostgres postgres = new MigratedPostgres();

    @Override
    protected TaskStore createStore() {
        postgres.emptyTables();
        return JdbcStores.open(postgres.jdbcUrl(), JdbcStoreOptions.defaults().withMaxPoolSize(12));
    }

    @Override
    protected AuthStore authStore(TaskStore store) {
        return JdbcStores.auth(store);
    }
}
