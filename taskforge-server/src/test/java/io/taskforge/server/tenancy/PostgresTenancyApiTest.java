package io.taskforge.server.tenancy;

import io.taskforge.server.testing.PostgresStore;

/** Tenant isolation of the API on PostgreSQL. */
@PostgresStore
class PostgresTenancyApiTest extends TenancyApiContract {}
