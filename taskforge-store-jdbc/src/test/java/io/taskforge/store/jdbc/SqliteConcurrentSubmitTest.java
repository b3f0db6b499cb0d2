package io.taskforge.store.jdbc;

import io.taskforge.store.TaskStore;
import io.taskforge.testkit.ConcurrentSubmitContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Concurrent single submissions on a real SQLite file, a new one per test. */
class SqliteConcurrentSubmitTest extends ConcurrentSubmitContract {
    @TempDir
    Path dir;

    @Override
    protected TaskStore newStore() {
        return JdbcStores.sqlite(dir.resolve("taskforge.db"));
    }
}
