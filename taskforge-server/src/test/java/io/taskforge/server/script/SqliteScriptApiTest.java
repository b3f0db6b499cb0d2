package io.taskforge.server.script;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The Scripts API on the default store: a SQLite file in a fresh data directory under target/. */
class SqliteScriptApiTest extends ScriptApiContract {

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data")), "scripts-");
        registry.add("taskforge.data-dir", dataDir::toString);
    }
}
