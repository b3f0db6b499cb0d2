package io.taskforge.server.queue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The queue and worker API on the default store: a SQLite file in a fresh data directory under target/. */
class SqliteQueueApiTest extends QueueApiContract {

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data")), "queues-");
        registry.add("taskforge.data-dir", dataDir::toString);
    }
}
