package io.taskforge.store.jdbc;

import io.taskforge.testkit.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A PostgreSQL database with the store's schema, for one test class: created before its first
 * test, dropped after its last. Register it in a static field with {@code @RegisterExtension}.
 * Tests empty the tables ({@link #emptyTables}) instead of recreating the database, which keeps
 * the suites fast.
 */
final class MigratedPostgres implements BeforeAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(MigratedPostgres.class);

    private PostgresTestDatabase database;

    @Override
    public void beforeAll(ExtensionContext context) {
        // Nested classes inherit the extension and call this again: they find the enclosing
        // class's database in its store, which drops it (closes it) when that class is done.
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        database = store.get(PostgresTestDatabase.class, PostgresTestDatabase.class);
        if (database == null) {
            database = PostgresTestDatabase.create();
            store.put(PostgresTestDatabase.class, database);
            JdbcStores.migrate(database.jdbcUrl());
        }
    }

    String jdbcUrl() {
        return database.jdbcUrl();
    }

    /** Empties every table of the store: all {@code tf_} tables but the migrations' history. */
    void emptyTables() {
        try (Connection c = DriverManager.getConnection(jdbcUrl());
                Statement st = c.createStatement()) {
            String tables;
            try (ResultSet rs = st.executeQuery("SELECT string_agg(quote_ident(tablename), ', ') FROM pg_tables"
                    + " WHERE schemaname = current_schema() AND tablename LIKE 'tf\\_%'"
                    + " AND tablename <> '" + Migrations.HISTORY_TABLE + "'")) {
                rs.next();
                tables = rs.getString(1);
            }
            st.execute("TRUNCATE " + tables + " RESTART IDENTITY CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the test database", e);
        }
    }
}
