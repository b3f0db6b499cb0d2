package io.taskforge.server.pipeline;

import io.taskforge.server.testing.PostgresStore;

/** The pipeline API on PostgreSQL. */
@PostgresStore
class PostgresPipelineApiTest extends PipelineApiContract {}
