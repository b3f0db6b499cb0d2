package io.taskforge.store.jdbc;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * A SQLite backup with {@code VACUUM INTO}: one read transaction copies the whole database into a new
 * file, so the copy is the consistent state of one moment even while a server writes. In WAL mode a
 * reader neither waits for writers nor holds them up. The online backup API (sqlite-jdbc's {@code
 * backup to} statement) was the other candidate; it copies page by page and starts over whenever
 * another connection writes between its steps, so on a busy server it may never finish. {@code
 * VACUUM INTO} also leaves the free pages behind, which makes the copy as small as it can be.
 */
final class SqliteBackup implements Backups.Method {
    private static final String PREFIX = "jdbc:sqlite:";
    /** How long to wait for a lock another process holds (a checkpoint, a schema change). */
    private static final int BUSY_TIMEOUT_MILLIS = 30_000;

    private final Path source;

    SqliteBackup(String jdbcUrl) {
        this.source = fileOf(jdbcUrl);
    }

    /** The database file of a {@code jdbc:sqlite:} URL; in-memory databases have none. */
    static Path fileOf(String jdbcUrl) {
        String rest = jdbcUrl.substring(PREFIX.length());
        int query = rest.indexOf('?');
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        if (rest.startsWith("file://")) {
            rest = rest.substring("file://".length());
        } else if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
        }
        if (rest.isBlank() || rest.startsWith(":memory:") || rest.startsWith(":resource:")) {
            throw new IllegalArgumentException("an in-memory SQLite database has no file to back up");
        }
        try {
            return Path.of(rest).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a file name: " + rest, e);
        }
    }

    @Override
    public void check() {
        if (!Files.isRegularFile(source)) {
            throw new BackupException(BackupException.Reason.NO_DATABASE, "there is no SQLite database at " + source);
        }
    }

    @Override
    public void writeTo(Path file) {
        try (Connection c = open(source);
                PreparedStatement ps = c.prepareStatement("VACUUM INTO ?")) {
            ps.setString(1, file.toString());
            ps.execute();
        } catch (SQLException e) {
            throw new BackupException(
                    BackupException.Reason.FAILED, "backing up " + source + " failed: " + e.getMessage(), e);
        }
        verify(file);
    }

    /** A cheap structural check of the copy, so a backup that reports success can be restored. */
    private static void verify(Path file) {
        try (Connection c = open(file);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA quick_check")) {
            String answer = rs.next() ? rs.getString(1) : "no answer";
            if (!"ok".equalsIgnoreCase(answer)) {
                throw new BackupException(
                        BackupException.Reason.FAILED, "the backup did not pass SQLite's quick_check: " + answer);
            }
        } catch (SQLException e) {
            throw new BackupException(
                    BackupException.Reason.FAILED, "checking the backup failed: " + e.getMessage(), e);
        }
    }

    /** An existing file only: without this a mistyped path would become a new, empty database. */
    private static Connection open(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.resetOpenMode(SQLiteOpenMode.CREATE);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        return config.createConnection(PREFIX + file);
    }

    @Override
    public String description() {
        return "SQLite VACUUM INTO";
    }

    @Override
    public String restoreHint(Path file) {
        return "stop every taskforge process on " + source + ", then copy " + file + " over it (and delete "
                + source.getFileName() + "-wal and -shm if present)";
    }
}
