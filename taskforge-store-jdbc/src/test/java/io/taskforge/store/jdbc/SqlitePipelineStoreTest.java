package io.taskforge.store.jdbc;

import io.taskforge.pipeline.PipelineStore;
import io.taskforge.store.TaskStore;
import io.taskforge.testkit.PipelineStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline store contract on a real SQLite file, a new one per test. */
class SqlitePipelineStoreTest extends PipelineStoreContract {
    @TempDir
    Path dir;

    @Override
    protected TaskStore createStore() {
        return JdbcStores.sqlite(dir.resolve("taskforge.db"));
    }

    @Override
    protected PipelineStore pipelineStore(TaskStore store) {
        return JdbcStores.pipelines(store);
    }
}
