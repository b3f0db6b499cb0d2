package io.taskforge.server.queue;

import io.taskforge.server.testing.SqliteStore;

/** The queue and worker API on the default store, SQLite. */
@SqliteStore
class SqliteQueueApiTest extends QueueApiContract {}
