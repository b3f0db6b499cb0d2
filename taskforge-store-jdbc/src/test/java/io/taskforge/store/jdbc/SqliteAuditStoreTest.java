package io.taskforge.store.jdbc;

import io.taskforge.audit.AuditStore;
import io.taskforge.store.TaskStore;
import io.taskforge.testkit.AuditStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The audit store contract on a real SQLite file, a new one per test. */
class SqliteAuditStoreTest extends AuditStoreContract {
    @TempDir
    Path dir;

    @Override
    protected TaskStore createStore() {
        return JdbcStores.sqlite(dir.resolve("taskforge.db"));
    }

    @Override
    protected AuditStore auditStore(TaskStore store) {
        return JdbcStores.audit(store);
    }
}
