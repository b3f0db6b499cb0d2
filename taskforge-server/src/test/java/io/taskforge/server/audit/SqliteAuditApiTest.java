package io.taskforge.server.audit;

import io.taskforge.server.testing.SqliteStore;

/** The audit log API on the default store, SQLite. */
@SqliteStore
class SqliteAuditApiTest extends AuditApiContract {}
