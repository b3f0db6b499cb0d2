package io.taskforge.store.jdbc;

import io.taskforge.store.StoreException;
import io.taskforge.store.jdbc.dialect.Dialect;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date with Flyway: one migration folder per dialect, the same version
 * numbers in each, history in {@code tf_schema_history}.
 */
final class Migrations {
    static final String HISTORY_TABLE = "tf_schema_history";
    static final String LOCATION_ROOT = "db/migration/taskforge/";

    private Migrations() {}

    static MigrationResult migrate(DataSource dataSource, Dialect dialect) {
        try {
            Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
                    .dataSource(dataSource)
                    .table(HISTORY_TABLE)
                    .locations("classpath:" + LOCATION_ROOT + dialect.name())
                    .failOnMissingLocations(true)
                    // A library user's database may already hold the application's tables:
                    // start our history there instead of refusing a non-empty schema. Version 0
                    // keeps every migration of ours pending.
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load();
            MigrateResult result = flyway.migrate();
            // targetSchemaVersion is null when nothing ran; the history knows where it stands.
            MigrationInfo current = flyway.info().current();
            String version = current == null || current.getVersion() == null
                    ? null
                    : current.getVersion().getVersion();
            return new MigrationResult(result.migrationsExecuted, version);
        } catch (FlywayException e) {
            throw new StoreException("migrating the taskforge schema failed: " + e.getMessage(), e);
        }
    }
}
