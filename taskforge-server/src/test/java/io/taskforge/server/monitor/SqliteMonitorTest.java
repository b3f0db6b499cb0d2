package io.taskforge.server.monitor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The monitoring contract on the default store: a SQLite file in a fresh data directory under target/. */
class SqliteMonitorTest extends MonitorContract {

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data")), "monitor-");
        registry.add("taskforge.data-dir", dataDir::toString);
    }
}
