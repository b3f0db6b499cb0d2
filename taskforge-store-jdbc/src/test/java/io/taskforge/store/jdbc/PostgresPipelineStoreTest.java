package io.taskforge.store.jdbc;

import io.taskforge.pipeline.PipelineStore;
import io.taskforge.store.TaskStore;
import io.taskforge.testkit.PipelineStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The pipeline store contract on a real PostgreSQL database, created for this class and dropped after it. */
class PostgresPipelineStoreTest extends PipelineStoreContract {
    @RegisterExtension
    static final MigratedPostgres postgres = new MigratedPostgres();

    @Override
    protected TaskStore createStore() {
        postgres.emptyTables();
        return JdbcStores.open(postgres.jdbcUrl(), JdbcStoreOptions.defaults().withMaxPoolSize(12));
    }

    @Override
    protected PipelineStore pipelineStore(TaskStore store) {
        return JdbcStores.pipelines(store);
    }
}
