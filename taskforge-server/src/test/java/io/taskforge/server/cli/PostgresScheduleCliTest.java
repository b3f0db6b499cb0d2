package io.taskforge.server.cli;

import io.taskforge.server.testing.PostgresStore;

/** {@code taskforge schedules} against a server on PostgreSQL. */
@PostgresStore
class PostgresScheduleCliTest extends ScheduleCliContract {}
