package io.taskforge.bench;

import java.util.Locale;

/** The databases Taskforge runs on, as the harness names them in options and results. */
public enum Store {
    POSTGRESQL,
    SQLITE;

    /** The name in options and results: {@code postgresql}, {@code sqlite}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Store parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "postgresql", "postgres", "pg" -> POSTGRESQL;
            case "sqlite" -> SQLITE;
            default -> throw new IllegalArgumentException("unknown store '" + text + "' (postgresql or sqlite)");
        };
    }
}
