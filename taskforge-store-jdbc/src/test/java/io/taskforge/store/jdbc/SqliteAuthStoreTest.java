package io.taskforge.store.jdbc;

import io.taskforge.auth.AuthStore;
import io.taskforge.store.TaskStore;
import io.taskforge.testkit.AuthStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The auth store contract on a real SQLite file, a new one per test. */
class SqliteAuthStoreTest extends AuthStoreContract {
    @TempDir
    Path dir;

    @Override
    protected TaskStore createStore() {
        return JdbcStores.sqlite(dir.resolve("taskforge.db"));
    }

    @Override
    protected AuthStore authStore(TaskStore store) {
        return JdbcStores.auth(store);
    }
}
