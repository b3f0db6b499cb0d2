package io.taskforge.server.schedule;

import io.taskforge.server.testing.PostgresStore;

/** The schedules API on PostgreSQL. */
@PostgresStore
class PostgresScheduleApiTest extends ScheduleApiContract {}
