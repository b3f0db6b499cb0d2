package io.taskforge.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskforge.store.TaskStore;
import io.taskforge.task.Task;
import io.taskforge.task.TaskQuery;
import io.taskforge.testkit.PostgresTestDatabase;
import io.taskforge.testkit.TaskFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backups of live stores: SQLite with VACUUM INTO, PostgreSQL with pg_dump. */
class BackupsTest {
    @TempDir
    Path dir;

    @Test
    void a_sqlite_backup_taken_while_the_store_writes_holds_every_task_committed_before_it() throws Exception {
        Path db = dir.resolve("live.db");
        Path backup = dir.resolve("backups/live-copy.db");
        try (TaskStore store = JdbcStores.sqlite(db)) {
            List<Task> before = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                before.add(TaskFixtures.aTask().withTitle("before " + i).build());
            }
            store.taskInsertMany(before);

            AtomicBoolean writing = new AtomicBoolean(true);
            CompletableFuture<Integer> writer = CompletableFuture.supplyAsync(() -> {
                int n = 0;
                while (writing.get() && n < 10_000) {
                    store.taskInsertMany(
                            List.of(TaskFixtures.aTask().withTitle("during").build()));
                    n++;
                }
                return n;
            });
            BackupResult result;
            try {
                result = JdbcStores.backup("jdbc:sqlite:" + db, backup, false);
            } finally {
                writing.set(false);
            }
            writer.get(60, TimeUnit.SECONDS);

            assertThat(result.file()).isEqualTo(backup.toAbsolutePath());
            assertThat(result.bytes()).isEqualTo(Files.size(backup)).isPositive();
            assertThat(result.method()).contains("VACUUM INTO");
            try (TaskStore copy = JdbcStores.sqlite(backup)) {
                for (Task t : before) {
                    assertThat(copy.taskGet(t.id())).isPresent();
                }
            }
        }
        assertThat(partials()).isEmpty();
    }

    @Test
    void an_existing_target_is_kept_unless_overwriting_is_asked_for() throws Exception {
        Path db = dir.resolve("tasks.db");
        Task task = TaskFixtures.aTask().build();
        try (TaskStore store = JdbcStores.sqlite(db)) {
            store.taskInsertMany(List.of(task));
        }
        Path target = Files.writeString(dir.resolve("precious.db"), "not to be lost");

        assertThatThrownBy(() -> JdbcStores.backup("jdbc:sqlite:" + db, target, false))
                .isInstanceOfSatisfying(
                        BackupException.class,
                        e -> assertThat(e.reason()).isEqualTo(BackupException.Reason.TARGET_EXISTS));
        assertThat(Files.readString(target)).isEqualTo("not to be lost");

        JdbcStores.backup("jdbc:sqlite:" + db, target, true);
        try (TaskStore copy = JdbcStores.sqlite(target)) {
            assertThat(copy.taskList(TaskQuery.builder().build()).items())
                    .extracting(Task::id)
                    .containsExactly(task.id());
        }
        assertThat(partials()).isEmpty();
    }

    @Test
    void a_missing_sqlite_database_is_not_created_by_a_backup() {
        Path missing = dir.resolve("nothing-here.db");

        assertThatThrownBy(() -> JdbcStores.backup("jdbc:sqlite:" + missing, dir.resolve("b.db"), false))
                .isInstanceOfSatisfying(
                        BackupException.class,
                        e -> assertThat(e.reason()).isEqualTo(BackupException.Reason.NO_DATABASE))
                .hasMessageContaining(missing.toString());
        assertThat(missing).doesNotExist();
        assertThat(dir.resolve("b.db")).doesNotExist();
    }

    @Test
    void sqlite_urls_name_their_file() {
        assertThat(SqliteBackup.fileOf("jdbc:sqlite:/srv/tf/taskforge.db?journal_mode=WAL"))
                .isEqualTo(Path.of("/srv/tf/taskforge.db"));
        assertThat(SqliteBackup.fileOf("jdbc:sqlite:file:/srv/x.db")).isEqualTo(Path.of("/srv/x.db"));
        assertThatThrownBy(() -> SqliteBackup.fileOf("jdbc:sqlite::memory:"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_postgresql_backup_is_a_pg_dump_archive_of_the_database() throws Exception {
        try (PostgresTestDatabase database = PostgresTestDatabase.create()) {
            try (TaskStore store = JdbcStores.open(database.jdbcUrl())) {
                store.taskInsertMany(List.of(TaskFixtures.aTask().build()));
            }
            Path target = dir.resolve("pg.dump");

            BackupResult result = JdbcStores.backup(database.jdbcUrl(), target, false);

            byte[] head = new byte[5];
            try (var in = Files.newInputStream(target)) {
                assertThat(in.read(head)).isEqualTo(5);
            }
            assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("PGDMP");
            assertThat(result.method()).contains("pg_dump");
            assertThat(result.restoreHint()).startsWith("pg_restore").contains(database.name());
        }
        assertThat(partials()).isEmpty();
    }

    @Test
    void without_pg_dump_the_message_spells_out_the_command_but_not_the_password() {
        String url = "jdbc:postgresql://db.example:6543/tasks?user=tf&password=s3cret&sslmode=require";
        PgDumpBackup method = new PgDumpBackup(url, "");

        assertThatThrownBy(() -> Backups.backup(method, dir.resolve("x.dump"), false))
                .isInstanceOfSatisfying(
                        BackupException.class,
                        e -> assertThat(e.reason()).isEqualTo(BackupException.Reason.TOOL_MISSING))
                .hasMessageContaining("pg_dump --host=db.example --port=6543 --username=tf --format=custom")
                .hasMessageContaining("--dbname=tasks")
                .hasMessageContaining("PGPASSWORD='<password>'")
                .hasMessageNotContaining("s3cret");
        assertThat(method.arguments(dir.resolve("x.dump"))).noneMatch(a -> a.contains("s3cret"));
        assertThat(method.environment()).containsEntry("PGPASSWORD", "s3cret").containsEntry("PGSSLMODE", "require");
    }

    @Test
    void a_failing_pg_dump_leaves_no_file_behind() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:5432/no_such_database_here";
        Path target = dir.resolve("never.dump");

        assertThatThrownBy(() -> JdbcStores.backup(url, target, false))
                .isInstanceOfSatisfying(
                        BackupException.class,
                        e -> assertThat(e.reason()).isEqualTo(BackupException.Reason.NO_DATABASE))
                .hasMessageContaining("no_such_database_here");
        assertThat(target).doesNotExist();
        assertThat(partials()).isEmpty();
    }

    private List<Path> partials() throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().contains(".partial-"))
                    .toList();
        }
    }
}
