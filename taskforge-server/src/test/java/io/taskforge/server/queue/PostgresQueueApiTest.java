package io.taskforge.server.queue;

import io.taskforge.server.testing.PostgresStore;

/** The queue and worker API on PostgreSQL. */
@PostgresStore
class PostgresQueueApiTest extends QueueApiContract {}
