package io.taskforge.server.api;

import io.taskforge.server.testing.PostgresStore;

/** The API contract on PostgreSQL. */
@PostgresStore
class PostgresApiTest extends ApiContract {}
