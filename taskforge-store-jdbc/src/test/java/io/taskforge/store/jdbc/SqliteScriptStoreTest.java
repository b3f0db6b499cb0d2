package io.taskforge.store.jdbc;

import io.taskforge.script.ScriptStore;
import io.taskforge.store.TaskStore;
import io.taskforge.testkit.ScriptStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The script store contract on a real SQLite file, a new one per test. */
class SqliteScriptStoreTest extends ScriptStoreContract {
    @TempDir
    Path dir;

    @Override
    protected TaskStore createStore() {
        return JdbcStores.sqlite(dir.resolve("taskforge.db"));
    }

    @Override
    protected ScriptStore scriptStore(TaskStore store) {
        return JdbcStores.scripts(store);
    }
}
