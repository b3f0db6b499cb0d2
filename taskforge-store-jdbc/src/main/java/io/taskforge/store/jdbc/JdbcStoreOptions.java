package io.taskforge.store.jdbc;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link JdbcStores} opens a store. Start from {@link #defaults()} and change what you need:
 * {@code JdbcStoreOptions.defaults().withMaxPoolSize(20)}.
 *
 * @param maxPoolSize largest number of pooled connections; 0 lets the dialect choose (SQLite 8,
 *     PostgreSQL 10). Size it for claims, completions and the tasks' own use of the store.
 * @param sqliteSynchronous when SQLite acknowledges a commit: {@link SqliteSynchronous#FULL} (the
 *     default) once it is on disk, {@link SqliteSynchronous#NORMAL} sooner (faster; the last
 *     commits may be lost on power failure, the file is never corrupted)
 * @param sqliteBusyTimeout how long SQLite waits for another process sharing the file
 * @param migrate whether opening the store brings the schema up to date first
 */
public record JdbcStoreOptions(
        int maxPoolSize, SqliteSynchronous sqliteSynchronous, Duration sqliteBusyTimeout, boolean migrate) {

    public enum SqliteSynchronous {
        NORMAL,
        FULL
    }

    public JdbcStoreOptions {
        Objects.requireNonNull(sqliteSynchronous, "sqliteSynchronous");
        Objects.requireNonNull(sqliteBusyTimeout, "sqliteBusyTimeout");
        if (maxPoolSize < 0) {
            throw new IllegalArgumentException("maxPoolSize must be 0 (dialect default) or more, was " + maxPoolSize);
        }
        if (sqliteBusyTimeout.isNegative() || sqliteBusyTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("sqliteBusyTimeout must be 0.." + Integer.MAX_VALUE + " ms");
        }
    }

    public static JdbcStoreOptions defaults() {
        return new JdbcStoreOptions(0, SqliteSynchronous.FULL, Duration.ofSeconds(10), true);
    }

    public JdbcStoreOptions withMaxPoolSize(int size) {
        return new JdbcStoreOptions(size, sqliteSynchronous, sqliteBusyTimeout, migrate);
    }

    public JdbcStoreOptions withSqliteSynchronous(SqliteSynchronous mode) {
        return new JdbcStoreOptions(maxPoolSize, mode, sqliteBusyTimeout, migrate);
    }

    public JdbcStoreOptions withSqliteBusyTimeout(Duration timeout) {
        return new JdbcStoreOptions(maxPoolSize, sqliteSynchronous, timeout, migrate);
    }

    public JdbcStoreOptions withMigrate(boolean run) {
        return new JdbcStoreOptions(maxPoolSize, sqliteSynchronous, sqliteBusyTimeout, run);
    }
}
