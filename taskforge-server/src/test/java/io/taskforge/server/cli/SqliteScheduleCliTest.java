package io.taskforge.server.cli;

import io.taskforge.server.testing.SqliteStore;

/** {@code taskforge schedules} against a server on the default store, SQLite. */
@SqliteStore
class SqliteScheduleCliTest extends ScheduleCliContract {}
