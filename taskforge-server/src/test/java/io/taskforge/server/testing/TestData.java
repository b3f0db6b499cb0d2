package io.taskforge.server.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fresh directories and files for tests, under {@code target/test-data} (the tests' working
 * directory is the module), so {@code mvn clean} removes them and a failed run leaves them to look at.
 */
public final class TestData {
    private static final Path ROOT = Path.of("target", "test-data");

    /** The password of {@code admin} on every server the tests start. */
    public static final String ADMIN_PASSWORD = "test-admin-password-1";

    /**
     * The settings every test server runs with: the admin's password, and no per-caller rate
     * limit (suites submit faster than a person would; the limit has its own test).
     */
    public static final java.util.Map<String, Object> SERVER_PROPERTIES = java.util.Map.of(
            "taskforge.security.admin-password",
            ADMIN_PASSWORD,
            "taskforge.security.rate-limit.requests-per-second",
            "0");

    /** The same settings as environment variables, for servers started as processes. */
    public static final java.util.Map<String, String> SERVER_ENVIRONMENT = java.util.Map.of(
            "TASKFORGE_ADMIN_PASSWORD", ADMIN_PASSWORD, "TASKFORGE_SECURITY_RATE_LIMIT_REQUESTS_PER_SECOND", "0");

    private TestData() {}

    /** {@code name=value} with {@link #SERVER_PROPERTIES}. */
    public static java.util.Map<String, Object> serverProperties(String name, Object value) {
        java.util.Map<String, Object> all = new java.util.HashMap<>(SERVER_PROPERTIES);
        all.put(name, value);
        return all;
    }

    public static Path directory(String prefix) throws IOException {
        return Files.createTempDirectory(Files.createDirectories(ROOT), prefix);
    }

    public static Path file(String prefix, String suffix) throws IOException {
        return Files.createTempFile(Files.createDirectories(ROOT), prefix, suffix);
    }
}
