package io.taskforge.store.jdbc;

import io.taskforge.audit.AuditStore;
import io.taskforge.store.TaskStore;
import io.taskforge.testkit.AuditStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The audit store contract on a real PostgreSQL database, created for this class and dropped after it. */
class PostgresAuditStoreTest extends AuditStoreContract {
    @RegisterExtension
    static final MigratedPostgres postgres = new MigratedPostgres();

    @Override
    protected TaskStore createStore() {
        postgres.emptyTables();
        return JdbcStores.open(postgres.jdbcUrl(), JdbcStoreOptions.defaults().withMaxPoolSize(4));
    }

    @Override
    protected AuditStore auditStore(TaskStore store) {
        return JdbcStores.audit(store);
    }
}
