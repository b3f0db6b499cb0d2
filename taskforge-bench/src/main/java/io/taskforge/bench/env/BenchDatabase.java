package io.taskforge.bench.env;

import io.taskforge.bench.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A database that exists for one workload: a fresh PostgreSQL database on the benchmark server, or
 * a SQLite file in a fresh temporary directory. Closing drops the database or deletes the
 * directory.
 */
public final class BenchDatabase implements AutoCloseable {
    private final Store store;
    private final String jdbcUrl;
    private final String name;
    private final PostgresServer server;
    private final Path directory;

    private BenchDatabase(Store store, String jdbcUrl, String name, PostgresServer server, Path directory) {
        this.store = store;
        this.jdbcUrl = jdbcUrl;
        this.name = name;
        this.server = server;
        this.directory = directory;
    }

    public static BenchDatabase create(Store store, String purpose, PostgresServer server, Path workDir)
            throws SQLException, IOException {
        if (store == Store.POSTGRESQL) {
            String name = server.createDatabase(purpose);
            return tracked(new BenchDatabase(store, server.urlOf(name), name, server, null));
        }
        Path dir = Files.createTempDirectory(Files.createDirectories(workDir), "sqlite-" + purpose + "-");
        Path file = dir.resolve("taskforge.db");
        return tracked(new BenchDatabase(store, "jdbc:sqlite:" + file.toAbsolutePath(), file.toString(), null, dir));
    }

    private static BenchDatabase tracked(BenchDatabase db) {
        Leftovers.add(db);
        return db;
    }

    public Store store() {
        return store;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The PostgreSQL database's name, or the SQLite file's path. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return store.label() + " database " + name;
    }

    /** A plain connection of the harness's own, for reading counts and filling the backlog. */
    public Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(jdbcUrl);
        if (store == Store.SQLITE) {
            // Wait for a worker that holds the write lock instead of failing at once.
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA busy_timeout = 10000");
            } catch (SQLException e) {
                c.close();
                throw e;
            }
        }
        return c;
    }

    @Override
    public void close() throws SQLException {
        Leftovers.remove(this);
        if (server != null) {
            server.dropDatabase(name);
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + directory, e);
        }
    }
}
