package io.taskforge.server.monitor;

import io.taskforge.server.testing.PostgresStore;

/** The monitoring contract on PostgreSQL. */
@PostgresStore
class PostgresMonitorTest extends MonitorContract {}
