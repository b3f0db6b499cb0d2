package io.taskforge.server.script;

import io.taskforge.server.testing.SqliteStore;

/** The Scripts API on the default store, SQLite. */
@SqliteStore
class SqliteScriptApiTest extends ScriptApiContract {}
