package io.taskforge.server.cli;

import io.taskforge.server.cli.client.CliException;
import io.taskforge.server.cli.client.ExitCodes;
import io.taskforge.store.StoreException;
import io.taskforge.store.jdbc.BackupException;
import io.taskforge.store.jdbc.BackupResult;
import io.taskforge.store.jdbc.JdbcStores;
import io.taskforge.store.jdbc.MigrationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The command line's only door to the JDBC store: {@code migrate} and {@code backup} open the
 * database directly, without starting the server. Failures become {@link CliException}s with the
 * documented exit codes.
 */
final class StoreTools {
    private static final String QUIET_LOGGING = "taskforge/cli-logback.xml";

    private StoreTools() {}

    /**
     * The store's URL: {@code --db}, else the SQLite file in {@code --data-dir} (default {@code
     * ./data}), as the server would open it.
     */
    static String url(CommonOptions.Store store) {
        if (store.db != null && !store.db.isBlank()) {
            return store.db.strip();
        }
        return "jdbc:sqlite:" + sqliteFile(store);
    }

    static Path sqliteFile(CommonOptions.Store store) {
        Path dir = store.dataDir == null ? Path.of("data") : store.dataDir;
        return dir.toAbsolutePath().normalize().resolve("taskforge.db");
    }

    static MigrationResult migrate(String url) {
        quietLogging();
        try {
            return JdbcStores.migrate(url);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        } catch (StoreException e) {
            throw storeFailure(e);
        }
    }

    static BackupResult backup(String url, Path file, boolean overwrite) {
        quietLogging();
        try {
            return JdbcStores.backup(url, file, overwrite);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        } catch (BackupException e) {
            throw new CliException(exitCode(e.reason()), e.getMessage());
        } catch (StoreException e) {
            throw storeFailure(e);
        }
    }

    /** An if-chain, not a switch: a switch on another module's enum compiles to a synthetic class. */
    private static int exitCode(BackupException.Reason reason) {
        if (reason == BackupException.Reason.TARGET_EXISTS) {
            return ExitCodes.USAGE;
        }
        return reason == BackupException.Reason.NO_DATABASE ? ExitCodes.UNREACHABLE : ExitCodes.FAILED;
    }

    /** Creates the data directory a default SQLite store lives in, as the server does. */
    static void createDataDirectory(CommonOptions.Store store) {
        if (store.db != null && !store.db.isBlank()) {
            return;
        }
        Path dir = sqliteFile(store).getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILED, "cannot create the data directory " + dir + ": " + e);
        }
    }

    private static CliException storeFailure(StoreException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        boolean unreachable = message.startsWith("cannot connect");
        return new CliException(unreachable ? ExitCodes.UNREACHABLE : ExitCodes.FAILED, message);
    }

    /**
     * These commands run without Spring Boot, which otherwise sets logging up: without this, the
     * pool and Flyway would print every debug line. Only takes effect before logging starts, which
     * in the command line's own process is now; a test JVM keeps its logging as it is.
     */
    private static void quietLogging() {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", QUIET_LOGGING);
        }
    }
}
