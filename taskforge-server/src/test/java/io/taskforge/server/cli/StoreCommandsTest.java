package io.taskforge.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskforge.server.cli.Cli.Result;
import io.taskforge.server.testing.TestData;
import io.taskforge.testkit.PostgresTestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code taskforge migrate} and {@code backup} on databases of their own, without a server. */
class StoreCommandsTest {

    @Test
    void migrate_brings_a_fresh_postgresql_database_up_to_date_once() {
        try (PostgresTestDatabase db = PostgresTestDatabase.create()) {
            Result first = Cli.run("migrate", "--db", db.jdbcUrl());
            assertThat(first.code()).as(first.toString()).isZero();
            assertThat(first.out())
                    .containsPattern("applied \\d+ migrations? to jdbc:postgresql:")
                    .containsPattern("schema is at version \\d+");

            Result second = Cli.run("migrate", "--db", db.jdbcUrl());
            assertThat(second.code()).as(second.toString()).isZero();
            assertThat(second.out()).contains("up to date at version");
        }
    }

    @Test
    void migrate_creates_the_default_sqlite_store_in_the_data_directory() throws Exception {
        Path dir = TestData.directory("migrate-").resolve("data");

        Result r = Cli.run("migrate", "--data-dir", dir.toString());

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(dir.resolve("taskforge.db")).isRegularFile();
        assertThat(r.out())
                .contains("jdbc:sqlite:" + dir.toAbsolutePath().normalize().resolve("taskforge.db"));
    }

    @Test
    void migrate_hides_the_password_of_the_url_it_prints() {
        try (PostgresTestDatabase db = PostgresTestDatabase.create()) {
            Result r = Cli.run("migrate", "--db", db.jdbcUrl() + "&password=s3cret");
            assertThat(r.out() + r.err()).doesNotContain("s3cret");
        }
    }

    @Test
    void migrate_of_an_unreachable_database_exits_3_with_one_line() {
        Result r = Cli.run("migrate", "--db", "jdbc:postgresql://127.0.0.1:1/nothing?connectTimeout=2");

        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).startsWith("taskforge: cannot connect").doesNotContain("\tat ");
    }

    @Test
    void backup_of_postgresql_writes_a_pg_dump_archive() throws Exception {
        Path target = TestData.directory("pgdump-").resolve("taskforge.dump");
        try (PostgresTestDatabase db = PostgresTestDatabase.create()) {
            assertThat(Cli.run("migrate", "--db", db.jdbcUrl()).code()).isZero();

            Result r = Cli.run("backup", target.toString(), "--db", db.jdbcUrl());

            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out()).contains("pg_dump", "pg_restore");
        }
        byte[] head = new byte[5];
        try (var in = Files.newInputStream(target)) {
            assertThat(in.read(head)).isEqualTo(5);
        }
        assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("PGDMP");
    }

    @Test
    void store_commands_refuse_a_url_that_is_not_jdbc() {
        Result r = Cli.run("migrate", "--db", "postgres://somewhere/db");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
    }
}
