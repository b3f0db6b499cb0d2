package io.taskforge.server.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The API contract on the default store: a SQLite file in the data directory (a fresh directory under target/). */
class SqliteApiTest extends ApiContract {

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) throws IOException {
        // Under target/ (the test's working directory is the module), so `mvn clean` removes it.
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data")), "api-");
        registry.add("taskforge.data-dir", dataDir::toString);
    }
}
