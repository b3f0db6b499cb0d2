package io.taskforge.server.api;

import io.taskforge.server.testing.SqliteStore;

/** The API contract on the default store, SQLite. */
@SqliteStore
class SqliteApiTest extends ApiContract {}
