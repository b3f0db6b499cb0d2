package io.taskforge.server.tenancy;

import io.taskforge.server.testing.SqliteStore;

/** Tenant isolation of the API on the default store, SQLite. */
@SqliteStore
class SqliteTenancyApiTest extends TenancyApiContract {}
