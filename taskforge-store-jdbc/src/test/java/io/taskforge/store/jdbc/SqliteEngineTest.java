package io.taskforge.store.jdbc;

import io.taskforge.store.TaskStore;
import io.taskforge.testkit.EngineContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The engine on a real SQLite file, a new one per test; "another process" is a second pool on the file. */
class SqliteEngineTest extends EngineContract {
    @TempDir
    Path dir;

    @Override
    protected TaskStore newStore() {
        return JdbcStores.sqlite(dir.resolve("taskforge.db"));
    }

    @Override
    protected TaskStore sameDatabaseAgain() {
        return JdbcStores.sqlite(dir.resolve("taskforge.db"));
    }
}
