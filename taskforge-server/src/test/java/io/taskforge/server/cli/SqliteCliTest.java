package io.taskforge.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskforge.server.cli.Cli.Result;
import io.taskforge.server.testing.SqliteStore;
import io.taskforge.server.testing.TestData;
import io.taskforge.store.TaskStore;
import io.taskforge.store.jdbc.JdbcStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** The client commands against a server on the default store, plus {@code backup} of its SQLite file while it runs. */
@SqliteStore
class SqliteCliTest extends CliContract {
    @Value("${taskforge.data-dir}")
    Path dataDir;

    @Test
    void backup_copies_the_live_sqlite_store_with_every_task_in_it() throws Exception {
        String queue = idleQueue();
        List<String> ids =
                IntStream.range(0, 20).mapToObj(i -> waitingTask(queue)).toList();
        Path target = dataDir.resolveSibling(dataDir.getFileName() + "-backup").resolve("tasks.db");

        Result r = Cli.run("backup", target.toString(), "--data-dir", dataDir.toString());

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains(target.toAbsolutePath().toString(), "VACUUM INTO", "to restore");
        try (TaskStore copy = JdbcStores.sqlite(target)) {
            for (String id : ids) {
                assertThat(copy.taskGet(id)).as(id).isPresent();
            }
        }

        Result again = Cli.run("backup", target.toString(), "--data-dir", dataDir.toString());
        assertOneLineError(again, 2);
        assertThat(again.err()).contains("--force");
        assertThat(Cli.run("backup", target.toString(), "--data-dir", dataDir.toString(), "--force")
                        .code())
                .isZero();
    }

    @Test
    void backup_of_a_data_directory_without_a_database_exits_3_and_creates_nothing() throws Exception {
        Path empty = TestData.directory("empty-");
        Path target = empty.resolve("b.db");

        Result r = Cli.run("backup", target.toString(), "--data-dir", empty.toString());

        assertOneLineError(r, 3);
        assertThat(r.err())
                .contains("no SQLite database", empty.toAbsolutePath().toString());
        try (var files = Files.list(empty)) {
            assertThat(files).isEmpty();
        }
    }
}
