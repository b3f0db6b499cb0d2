package io.taskforge.store.jdbc.dialect;

import java.util.Locale;

/** Picks the dialect of a database. */
public final class Dialects {
    private Dialects() {}

    public static Dialect forJdbcUrl(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return new SqliteDialect();
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return new PostgresDialect();
        }
        throw new IllegalArgumentException("unsupported database URL (use jdbc:sqlite: or jdbc:postgresql:): "
                + jdbcUrl.substring(0, Math.min(jdbcUrl.length(), 20)) + "...");
    }

    /** By {@link java.sql.DatabaseMetaData#getDatabaseProductName()}. */
    public static Dialect forProductName(String productName) {
        return switch (productName.toLowerCase(Locale.ROOT)) {
            case "sqlite" -> new SqliteDialect();
            case "postgresql" -> new PostgresDialect();
            default -> throw new IllegalArgumentException("unsupported database: " + productName);
        };
    }
}
