package io.taskforge.store.jdbc;

import io.taskforge.schedule.ScheduleStore;
import io.taskforge.store.TaskStore;
import io.taskforge.testkit.ScheduleStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The schedule store contract on a real PostgreSQL database, created for this class and dropped after it. */
class PostgresScheduleStoreTest extends ScheduleStoreContract {
    @RegisterExtension
    static final MigratedPostgres postgres = new MigratedPostgres();

    @Override
    protected TaskStore createStore() {
        postgres.emptyTables();
        return JdbcStores.open(postgres.jdbcUrl(), JdbcStoreOptions.defaults().withMaxPoolSize(12));
    }

    @Override
    protected ScheduleStore scheduleStore(TaskStore store) {
        return JdbcStores.schedules(store);
    }
}
