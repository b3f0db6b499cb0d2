package io.taskforge.server.cli;

import io.taskforge.server.testing.PostgresStore;

/** The client commands against a server on PostgreSQL. */
@PostgresStore
class PostgresCliTest extends CliContract {}
