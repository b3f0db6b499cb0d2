package io.taskforge.store.jdbc;

import io.taskforge.schedule.ScheduleStore;
import io.taskforge.store.TaskStore;
import io.taskforge.testkit.ScheduleStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The schedule store contract on a real SQLite file, a new one per test. */
class SqliteScheduleStoreTest extends ScheduleStoreContract {
    @TempDir
    Path dir;

    @Override
    protected TaskStore createStore() {
        return JdbcStores.sqlite(dir.resolve("taskforge.db"));
    }

    @Override
    protected ScheduleStore scheduleStore(TaskStore store) {
        return JdbcStores.schedules(store);
    }
}
