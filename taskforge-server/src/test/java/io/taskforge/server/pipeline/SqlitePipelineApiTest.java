package io.taskforge.server.pipeline;

import io.taskforge.server.testing.SqliteStore;

/** The pipeline API on the default store, SQLite. */
@SqliteStore
class SqlitePipelineApiTest extends PipelineApiContract {}
