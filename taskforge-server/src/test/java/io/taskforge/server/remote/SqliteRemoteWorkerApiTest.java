package io.taskforge.server.remote;

import io.taskforge.server.testing.SqliteStore;

/** The remote-worker API on the default store, SQLite. */
@SqliteStore
class SqliteRemoteWorkerApiTest extends RemoteWorkerApiContract {}
