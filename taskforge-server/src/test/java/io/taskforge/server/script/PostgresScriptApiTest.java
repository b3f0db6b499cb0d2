package io.taskforge.server.script;

import io.taskforge.server.testing.PostgresStore;

/** The Scripts API on PostgreSQL. */
@PostgresStore
class PostgresScriptApiTest extends ScriptApiContract {}
