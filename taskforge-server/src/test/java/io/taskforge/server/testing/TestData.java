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

    private TestData() {}

    public static Path directory(String prefix) throws IOException {
        return Files.createTempDirectory(Files.createDirectories(ROOT), prefix);
    }

    public static Path file(String prefix, String suffix) throws IOException {
        return Files.createTempFile(Files.createDirectories(ROOT), prefix, suffix);
    }
}
