package io.taskforge.server.schedule;

import io.taskforge.server.testing.SqliteStore;

/** The schedules API on the default store, SQLite. */
@SqliteStore
class SqliteScheduleApiTest extends ScheduleApiContract {}
