package io.taskforge.store.jdbc;

import io.taskforge.schedule.ScheduleStore;
import io.taskforge.store.TaskStore;
import io.taskforge.testkit.ScheduleEngineContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Schedules fired by engines sharing one real SQLite file, a new one per test. */
class SqliteScheduleEngineTest extends ScheduleEngineContract {
    @TempDir
    Path dir;

    private int files;
    private Path file;

    @Override
    protected TaskStore newStore() {
        file = dir.resolve("taskforge-" + (++files) + ".db");
        return JdbcStores.sqlite(file);
    }

    @Override
    protected TaskStore sameDatabaseAgain() {
        return JdbcStores.sqlite(file);
    }

    @Override
    protected ScheduleStore scheduleStore(TaskStore store) {
        return JdbcStores.schedules(store);
    }
}
