package io.taskforge.server.auth;

import io.taskforge.server.testing.PostgresStore;

/** The auth API on PostgreSQL. */
@PostgresStore
class PostgresAuthApiTest extends AuthApiContract {}
