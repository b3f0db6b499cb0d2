package io.taskforge.bench.env;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The PostgreSQL server the benchmarks use: a JDBC URL of any database there that the user may
 * connect to and create databases from. Every workload gets a database of its own ({@code
 * tf_bench_...}), dropped afterwards.
 */
public final class PostgresServer {
    /** The same setting the tests read: one place points both at another server. */
    public static final String PROPERTY = "taskforge.test.postgres.url";

    public static final String ENV = "TASKFORGE_TEST_POSTGRES_URL";
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private final String url;

    public PostgresServer(String url) {
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + redact(url));
        }
        this.url = url;
    }

    /** The URL from the system property, else the environment, else the default. */
    public static String configuredUrl() {
        String v = System.getProperty(PROPERTY);
        if (v == null || v.isBlank()) {
            v = System.getenv(ENV);
        }
        return v == null || v.isBlank() ? DEFAULT_URL : v.strip();
    }

    public String url() {
        return url;
    }

    /** Whether the server runs on this machine, so its processes' CPU time can be read from /proc. */
    public boolean isLocal() {
        String host = URI.create(url.substring("jdbc:".length())).getHost();
        return host == null || host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    /** {@code SELECT version()}, shortened to "PostgreSQL 15.20". */
    public String version() throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW server_version")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1).split(" ")[0];
        }
    }

    /** Creates an empty database named after {@code purpose} and returns its name. */
    public String createDatabase(String purpose) throws SQLException {
        String name = "tf_bench_" + purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "") + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new SQLException(
                    "cannot create a database on " + redact(url) + " (set --postgres-url, -D" + PROPERTY + " or " + ENV
                            + " to a server where this user may create databases): " + e.getMessage(),
                    e);
        }
        return name;
    }

    /** Drops the database, ending whoever is still connected to it. */
    public void dropDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /** A URL of database {@code name} on this server, with the parameters of the server URL. */
    public String urlOf(String name) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        int hostStart = base.indexOf("//");
        int slash = base.indexOf('/', hostStart < 0 ? 0 : hostStart + 2);
        String prefix = slash < 0 ? base : base.substring(0, slash);
        return prefix + "/" + name + params;
    }

    public static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
