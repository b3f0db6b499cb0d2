package io.taskforge.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.taskforge.audit.AuditStore;
import io.taskforge.auth.AuthStore;
import io.taskforge.jdbc.ConnectionSource;
import io.taskforge.jdbc.JdbcException;
import io.taskforge.jdbc.Transactions;
import io.taskforge.pipeline.PipelineStore;
import io.taskforge.schedule.ScheduleStore;
import io.taskforge.script.ScriptStore;
import io.taskforge.store.StoreException;
import io.taskforge.store.TaskStore;
import io.taskforge.store.jdbc.dialect.Dialect;
import io.taskforge.store.jdbc.dialect.Dialects;
import io.taskforge.store.jdbc.dialect.PoolTuning;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * Opens task stores on SQLite and PostgreSQL.
 *
 * <pre>{@code
 * TaskStore store = JdbcStores.sqlite(Path.of("data/taskforge.db"));
 * TaskStore store = JdbcStores.open("jdbc:postgresql://db:5432/taskforge?user=tf&password=...");
 * TaskStore store = JdbcStores.of(applicationDataSource);
 * }</pre>
 *
 * A store opened from a URL or path owns its connection pool and closes it when it is closed; a
 * store over the application's {@link DataSource} leaves that pool alone. Every way of opening
 * brings the schema up to date first unless {@link JdbcStoreOptions#migrate()} says not to.
 */
public final class JdbcStores {
    private JdbcStores() {}

    /** A store on the database at {@code jdbcUrl} ({@code jdbc:sqlite:...} or {@code jdbc:postgresql:...}). */
    public static TaskStore open(String jdbcUrl) {
        return open(jdbcUrl, JdbcStoreOptions.defaults());
    }

    public static TaskStore open(String jdbcUrl, JdbcStoreOptions options) {
        Dialect dialect = Dialects.forJdbcUrl(jdbcUrl);
        HikariConfig config = dialect.poolConfig(jdbcUrl, tuning(options));
        HikariDataSource pool = openPool(config);
        try {
            if (options.migrate()) {
                Migrations.migrate(pool, dialect);
            }
            return new JdbcTaskStore(pool, dialect, listenConnections(config, pool), pool::close);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** A store in the SQLite file {@code file}, created with its directories if missing. */
    public static TaskStore sqlite(Path file) {
        return sqlite(file, JdbcStoreOptions.defaults());
    }

    public static TaskStore sqlite(Path file, JdbcStoreOptions options) {
        return open(sqliteUrl(file), options);
    }

    /** A store over a pool the application built; its dialect is read from the connection. */
    public static TaskStore of(DataSource dataSource) {
        return of(dataSource, JdbcStoreOptions.defaults());
    }

    /**
     * On PostgreSQL the first {@link TaskStore#subscribe subscriber} holds one connection of this
     * pool for LISTEN as long as anyone subscribes. On SQLite the application's pool should set
     * {@code busy_timeout} and {@code foreign_keys} on its connections; the store switches the file
     * to WAL.
     */
    public static TaskStore of(DataSource dataSource, JdbcStoreOptions options) {
        Dialect dialect = dialectOf(dataSource);
        try {
            dialect.prepare(dataSource);
        } catch (SQLException e) {
            throw new StoreException("preparing the database failed", e);
        }
        if (options.migrate()) {
            Migrations.migrate(dataSource, dialect);
        }
        return new JdbcTaskStore(dataSource, dialect, dataSource::getConnection, () -> {});
    }

    /**
     * The scripts kept in the same database as the tasks of {@code store}, which must be a store
     * opened here. It shares that store's connections (and, on SQLite, its queue of writers), and
     * lives as long as it: closing {@code store} closes both.
     *
     * <pre>{@code
     * TaskStore tasks = JdbcStores.sqlite(Path.of("data/taskforge.db"));
     * ScriptStore scripts = JdbcStores.scripts(tasks);
     * }</pre>
     *
     * @throws IllegalArgumentException when {@code store} was not opened by this class
     */
    public static ScriptStore scripts(TaskStore store) {
        if (store instanceof JdbcTaskStore jdbc) {
            return new JdbcScriptStore(jdbc.db());
        }
        throw new IllegalArgumentException("not a store opened by JdbcStores: " + store);
    }

    /**
     * The pipelines kept in the same database as the tasks of {@code store}, which must be a store
     * opened here. Their runs advance in the transactions of {@code store} that finish their step
     * tasks; closing {@code store} closes both.
     *
     * @throws IllegalArgumentException when {@code store} was not opened by this class
     */
    public static PipelineStore pipelines(TaskStore store) {
        if (store instanceof JdbcTaskStore jdbc) {
            return jdbc.pipelineStore();
        }
        throw new IllegalArgumentException("not a store opened by JdbcStores: " + store);
    }

    /**
     * The schedules kept in the same database as the tasks of {@code store}, which must be a store
     * opened here; like {@link #scripts}, it shares that store's connections and lives as long as
     * it. A fire and the task it creates are written in one transaction of that database.
     *
     * @throws IllegalArgumentException when {@code store} was not opened by this class
     */
    public static ScheduleStore schedules(TaskStore store) {
        if (store instanceof JdbcTaskStore jdbc) {
            return new JdbcScheduleStore(jdbc.db(), jdbc.inserts());
        }
        throw new IllegalArgumentException("not a store opened by JdbcStores: " + store);
    }

    /**
     * The tenants, users, API keys and refresh tokens kept in the same database as the tasks of
     * {@code store}, which must be a store opened here; it shares that store's connections and
     * lives as long as it.
     *
     * @throws IllegalArgumentException when {@code store} was not opened by this class
     */
    public static AuthStore auth(TaskStore store) {
        if (store instanceof JdbcTaskStore jdbc) {
            return new JdbcAuthStore(jdbc.db(), jdbc.tenantLimits());
        }
        throw new IllegalArgumentException("not a store opened by JdbcStores: " + store);
    }

    /**
     * The audit log kept in the same database as the tasks of {@code store}, which must be a store
     * opened here; like {@link #scripts}, it shares that store's connections (and, on SQLite, its
     * queue of writers) and lives as long as it.
     *
     * @throws IllegalArgumentException when {@code store} was not opened by this class
     */
    public static AuditStore audit(TaskStore store) {
        if (store instanceof JdbcTaskStore jdbc) {
            return new JdbcAuditStore(jdbc.db());
        }
        throw new IllegalArgumentException("not a store opened by JdbcStores: " + store);
    }

    /** Brings the schema at {@code jdbcUrl} up to date (the {@code taskforge migrate} command). */
    public static MigrationResult migrate(String jdbcUrl) {
        Dialect dialect = Dialects.forJdbcUrl(jdbcUrl);
        HikariConfig config = dialect.poolConfig(jdbcUrl, tuning(JdbcStoreOptions.defaults()));
        config.setMaximumPoolSize(2);
        try (HikariDataSource pool = openPool(config)) {
            return Migrations.migrate(pool, dialect);
        }
    }

    /** Brings the schema of the database behind {@code dataSource} up to date. */
    public static MigrationResult migrate(DataSource dataSource) {
        return Migrations.migrate(dataSource, dialectOf(dataSource));
    }

    /**
     * Writes a consistent backup of the store at {@code jdbcUrl} to {@code target} while the store
     * stays in use (the {@code taskforge backup} command): SQLite with {@code VACUUM INTO},
     * PostgreSQL with {@code pg_dump} from the PATH. The file appears only once it is complete.
     *
     * @param overwrite whether an existing {@code target} may be replaced
     * @throws BackupException when no backup was made; its reason says why
     * @throws IllegalArgumentException for a URL of a database that cannot be backed up this way
     */
    public static BackupResult backup(String jdbcUrl, Path target, boolean overwrite) {
        return Backups.backup(jdbcUrl, target, overwrite);
    }

    static String sqliteUrl(Path file) {
        Path absolute = file.toAbsolutePath();
        try {
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of " + absolute, e);
        }
        return "jdbc:sqlite:" + absolute;
    }

    private static PoolTuning tuning(JdbcStoreOptions options) {
        return new PoolTuning(
                options.maxPoolSize(),
                options.sqliteBusyTimeout(),
                options.sqliteSynchronous().name());
    }

    private static HikariDataSource openPool(HikariConfig config) {
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to the database: " + e.getMessage(), e);
        }
    }

    private static Dialect dialectOf(DataSource dataSource) {
        try {
            return Transactions.withConnection(
                    dataSource, c -> Dialects.forProductName(c.getMetaData().getDatabaseProductName()));
        } catch (JdbcException e) {
            throw new StoreException("cannot connect to the database", e);
        }
    }

    /**
     * LISTEN needs a connection of its own, held for as long as anyone subscribes; taking it
     * outside the pool keeps the pool's size for the work it was sized for.
     */
    private static ConnectionSource listenConnections(HikariConfig config, HikariDataSource pool) {
        if (config.getJdbcUrl() == null) {
            return pool::getConnection;
        }
        return () -> {
            Properties props = new Properties();
            props.putAll(config.getDataSourceProperties());
            if (config.getUsername() != null) {
                props.setProperty("user", config.getUsername());
            }
            if (config.getPassword() != null) {
                props.setProperty("password", config.getPassword());
            }
            return DriverManager.getConnection(config.getJdbcUrl(), props);
        };
    }
}
