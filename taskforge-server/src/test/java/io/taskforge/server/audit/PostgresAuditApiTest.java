package io.taskforge.server.audit;

import io.taskforge.server.testing.PostgresStore;

/** The audit log API on PostgreSQL. */
@PostgresStore
class PostgresAuditApiTest extends AuditApiContract {}
