package io.taskforge.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A throw-away database on a real PostgreSQL server: created with a unique name ({@code
 * tf_test_...}) on construction, dropped (disconnecting whoever is still on it) on close.
 *
 * <p>The server comes from the system property {@value #PROPERTY}, else the environment variable
 * {@value #ENV}, else {@value #DEFAULT_URL}; that URL names any database the test user may
 * connect to, and the user must be allowed to create databases. No server means the test fails:
 * a suite that skips itself when the database is missing proves nothing.
 *
 * <p>{@link #jdbcUrl()} sets the session time zone to {@value #SESSION_TIME_ZONE}, so code that
 * reads or writes local time instead of UTC instants shows up in tests.
 */
public final class PostgresTestDatabase implements AutoCloseable {
    public static final String PROPERTY = "taskforge.test.postgres.url";
    public static final String ENV = "TASKFORGE_TEST_POSTGRES_URL";
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String SESSION_TIME_ZONE = "Asia/Kolkata";

    private final String serverUrl;
    private final String name;
    private final String jdbcUrl;

    private PostgresTestDatabase(String serverUrl, String name) {
        this.serverUrl = serverUrl;
        this.name = name;
        this.jdbcUrl = withTimeZone(withDatabase(serverUrl, name));
    }

    /** Creates a new, empty database. */
    public static PostgresTestDatabase create() {
        String server = serverUrl();
        String name = "tf_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(server);
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL for tests is not usable at " + redact(server) + " (set -D" + PROPERTY + " or " + ENV
                            + " to a server where the test user may create databases): " + e.getMessage(),
                    e);
        }
        return new PostgresTestDatabase(server, name);
    }

    /** The server URL tests use, from the system property, the environment, or the default. */
    public static String serverUrl() {
        String url = System.getProperty(PROPERTY);
        if (url == null || url.isBlank()) {
            url = System.getenv(ENV);
        }
        return url == null || url.isBlank() ? DEFAULT_URL : url.strip();
    }

    /** The database's name. */
    public String name() {
        return name;
    }

    /** A URL of this database, with the session time zone set to {@value #SESSION_TIME_ZONE}. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** Drops the database, ending other sessions on it. */
    @Override
    public void close() {
        try (Connection c = DriverManager.getConnection(serverUrl);
                Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test database " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "PostgresTestDatabase[" + name + "]";
    }

    /** Replaces the database part of {@code jdbc:postgresql://host:port/db?params}. */
    static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        int hostStart = base.indexOf("//");
        int slash = base.indexOf('/', hostStart < 0 ? 0 : hostStart + 2);
        String prefix = slash < 0 ? base : base.substring(0, slash);
        return prefix + "/" + database + params;
    }

    private static String withTimeZone(String url) {
        if (url.toLowerCase(Locale.ROOT).contains("options=")) {
            return url; // the caller set session options already
        }
        return url + (url.indexOf('?') < 0 ? "?" : "&") + "options=-c%20TimeZone%3D" + SESSION_TIME_ZONE;
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
