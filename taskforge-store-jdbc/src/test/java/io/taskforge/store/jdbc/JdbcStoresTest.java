package io.taskforge.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.taskforge.store.StoreException;
import io.taskforge.store.TaskStore;
import io.taskforge.task.Task;
import io.taskforge.testkit.PostgresTestDatabase;
import io.taskforge.testkit.TaskFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening stores, migrating, and living in an application's own pool. */
class JdbcStoresTest {
    @TempDir
    Path dir;

    @Test
    void migrating_applies_every_migration_once() {
        String url = "jdbc:sqlite:" + dir.resolve("m.db");

        MigrationResult first = JdbcStores.migrate(url);
        MigrationResult second = JdbcStores.migrate(url);

        assertThat(first.applied()).isPositive();
        assertThat(second).isEqualTo(new MigrationResult(0, first.schemaVersion()));
    }

    @Test
    void sqlite_creates_missing_directories_and_uses_wal_with_foreign_keys() throws Exception {
        Path file = dir.resolve("nested/deeper/tasks.db");
        try (TaskStore store = JdbcStores.sqlite(file)) {
            assertThat(store.hearsOtherProcesses()).isTrue();
        }
        assertThat(Files.exists(file)).isTrue();
        try (HikariDataSource pool = sqlitePool(file);
                Connection c = pool.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void a_store_over_the_applications_pool_finds_its_dialect_and_leaves_the_pool_open() throws Exception {
        try (PostgresTestDatabase db = PostgresTestDatabase.create();
                HikariDataSource pool = pool(db.jdbcUrl())) {
            Task t = TaskFixtures.aTask().build();
            try (TaskStore store = JdbcStores.of(pool)) {
                store.taskInsertMany(List.of(t));
                assertThat(store.hearsOtherProcesses()).isTrue();
            }
            assertThat(pool.isClosed()).isFalse();
            try (TaskStore again =
                    JdbcStores.of(pool, JdbcStoreOptions.defaults().withMigrate(false))) {
                assertThat(again.taskGet(t.id())).isPresent();
            }
        }
    }

    @Test
    void a_store_over_an_applications_sqlite_pool_works_too() {
        try (HikariDataSource pool = sqlitePool(dir.resolve("app.db"));
                TaskStore store = JdbcStores.of(pool)) {
            Task t = TaskFixtures.aTask().build();
            store.taskInsertMany(List.of(t));
            assertThat(store.taskGet(t.id())).isPresent();
        }
    }

    @Test
    void the_schema_history_has_its_own_table_name_and_tolerates_foreign_tables() throws Exception {
        try (PostgresTestDatabase db = PostgresTestDatabase.create()) {
            try (Connection c = java.sql.DriverManager.getConnection(db.jdbcUrl());
                    Statement st = c.createStatement()) {
                st.execute("CREATE TABLE application_table (id int)");
            }
            MigrationResult result = JdbcStores.migrate(db.jdbcUrl());
            assertThat(result.applied()).isPositive();
            try (Connection c = java.sql.DriverManager.getConnection(db.jdbcUrl());
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT count(*) FROM tf_schema_history WHERE success")) {
                rs.next();
                assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(result.applied());
            }
        }
    }

    @Test
    void an_unsupported_or_unreachable_database_is_a_clear_error() {
        assertThatThrownBy(() -> JdbcStores.open("jdbc:h2:mem:x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JdbcStores.open(
                        "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1", JdbcStoreOptions.defaults()))
                .isInstanceOf(StoreException.class);
    }

    private static HikariDataSource pool(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }

    private static HikariDataSource sqlitePool(Path file) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite:" + file);
        config.setMaximumPoolSize(2);
        return new HikariDataSource(config);
    }
}
