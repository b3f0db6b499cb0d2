package io.taskforge.server.monitor;

import io.taskforge.server.testing.SqliteStore;

/** The monitoring contract on the default store, SQLite. */
@SqliteStore
class SqliteMonitorTest extends MonitorContract {}
