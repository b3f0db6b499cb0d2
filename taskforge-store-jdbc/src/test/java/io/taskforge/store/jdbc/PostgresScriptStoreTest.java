package io.taskforge.store.jdbc;

import io.taskforge.script.ScriptStore;
import io.taskforge.store.TaskStore;
import io.taskforge.testkit.ScriptStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The script store contract on a real PostgreSQL database, created for this class and dropped after it. */
class PostgresScriptStoreTest extends ScriptStoreContract {
    @RegisterExtension
    static final MigratedPostgres postgres = new MigratedPostgres();

    @Override
    protected TaskStore createStore() {
        postgres.emptyTables();
        return JdbcStores.open(postgres.jdbcUrl(), JdbcStoreOptions.defaults().withMaxPoolSize(12));
    }

    @Override
    protected ScriptStore scriptStore(TaskStore store) {
        return JdbcStores.scripts(store);
    }
}
