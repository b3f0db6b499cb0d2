package io.taskforge.server.auth;

import io.taskforge.server.testing.SqliteStore;

/** The auth API on SQLite. */
@SqliteStore
class SqliteAuthApiTest extends AuthApiContract {}
