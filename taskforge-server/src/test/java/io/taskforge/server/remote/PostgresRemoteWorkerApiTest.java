package io.taskforge.server.remote;

import io.taskforge.server.testing.PostgresStore;

/** The remote-worker API on PostgreSQL. */
@PostgresStore
class PostgresRemoteWorkerApiTest extends RemoteWorkerApiContract {}
