package io.taskforge.store.jdbc;

import io.taskforge.schedule.ScheduleStore;
import io.taskforge.store.TaskStore;
import io.taskforge.testkit.ScheduleEngineContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Schedules fired by engines on a real PostgreSQL database created for this class; tables are emptied per test. */
class PostgresScheduleEngineTest extends ScheduleEngineContract {
    @RegisterExtension
    static final MigratedPostgres postgres = new MigratedPostgres();

    @Override
    protected TaskStore newStore() {
        postgres.emptyTables();
        return JdbcStores.open(postgres.jdbcUrl(), JdbcStoreOptions.defaults().withMaxPoolSize(4));
    }

    @Override
    protected TaskStore sameDatabaseAgain() {
        return JdbcStores.open(postgres.jdbcUrl(), JdbcStoreOptions.defaults().withMaxPoolSize(4));
    }

    @Override
    protected ScheduleStore scheduleStore(TaskStore store) {
        return JdbcStores.schedules(store);
    }
}
