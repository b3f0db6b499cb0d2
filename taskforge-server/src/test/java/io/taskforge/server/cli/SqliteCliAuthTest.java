package io.taskforge.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskforge.server.cli.Cli.Result;
import io.taskforge.server.testing.SqliteStore;
import io.taskforge.server.testing.TestData;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Signing in from the command line and the admin commands, against a real server: the session is
 * kept in a file only its owner reads and used by every command; without one, commands say how to
 * sign in and exit 4.
 */
@SqliteStore
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "taskforge.worker.queues=default")
class SqliteCliAuthTest {
    @LocalServerPort
    int port;

    String server;
    Path config;
    String suffix;

    @BeforeEach
    void setUp() throws Exception {
        server = "http://127.0.0.1:" + port;
        config = TestData.directory("cli-config-");
        suffix = UUID.randomUUID().toString().substring(0, 8);
    }

    /** {@code taskforge ARGS --server URL --config-dir DIR} with {@code stdin} as standard input. */
    private Result withInput(String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--server", server, "--config-dir", config.toString()));
        InputStream before = System.in;
        System.setIn(new ByteArrayInputStream((stdin == null ? "" : stdin).getBytes(StandardCharsets.UTF_8)));
        try {
            return Cli.run(all.toArray(String[]::new));
        } finally {
            System.setIn(before);
        }
    }

    private Result cli(String... args) {
        return withInput(null, args);
    }

    @Test
    void login_keeps_a_private_session_that_every_command_uses_until_logout() throws Exception {
        Result before = cli("tasks", "list");
        assertThat(before.code()).as(before.toString()).isEqualTo(4);
        assertThat(before.err()).contains("taskforge login");

        Result login = withInput(TestData.ADMIN_PASSWORD + "\n", "login", "--user", "admin", "--password-stdin");
        assertThat(login.code()).as(login.toString()).isZero();
        assertThat(login.out()).contains("as admin").contains("tenant default, ADMIN");
        Path file = config.resolve("credentials.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(file)).doesNotContain(TestData.ADMIN_PASSWORD);

        assertThat(cli("tasks", "list").code()).isZero();
        Result whoami = cli("whoami");
        assertThat(whoami.code()).as(whoami.toString()).isZero();
        assertThat(whoami.out()).contains("admin").contains("superadmin").contains("default");

        Result logout = cli("logout");
        assertThat(logout.code()).as(logout.toString()).isZero();
        Result after = cli("tasks", "list");
        assertThat(after.code()).isEqualTo(4);
        assertThat(after.err()).contains("taskforge login");
    }

    @Test
    void a_wrong_password_fails_with_exit_4_and_stores_nothing() {
        Result r = withInput("not-the-password\n", "login", "--user", "admin", "--password-stdin");
        assertThat(r.code()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("wrong user name or password").doesNotContain("run 'taskforge login");
        assertThat(config.resolve("credentials.json")).doesNotExist();
        Result empty = withInput("", "login", "--user", "admin", "--password-stdin");
        assertThat(empty.code()).isEqualTo(2);
    }

    @Test
    void admins_manage_users_tenants_members_and_keys_from_the_command_line() {
        assertThat(withInput(TestData.ADMIN_PASSWORD + "\n", "login", "--user", "admin", "--password-stdin")
                        .code())
                .isZero();
        String tenant = "cli-" + suffix;
        Result added = cli("tenants", "add", tenant, "--name", "CLI team", "--max-waiting", "100");
        assertThat(added.code()).as(added.toString()).isZero();
        assertThat(cli("tenants", "list").out()).contains(tenant).contains("100");
        Result running = cli("tenants", "set", tenant, "--max-running", "7");
        assertThat(running.code()).as(running.toString()).isZero();
        assertThat(running.out()).contains("running 7");

        String user = "ann-" + suffix;
        Result u = withInput(
                "password-of-ann\n", "users", "add", user, "--member", tenant + "=OPERATOR", "--password-stdin");
        assertThat(u.code()).as(u.toString()).isZero();
        assertThat(cli("users", "list").out()).contains(user).contains(tenant + "=OPERATOR");
        Result bad = withInput("short\n", "users", "add", "bob-" + suffix, "--password-stdin");
        assertThat(bad.code()).isEqualTo(4);
        assertThat(bad.err()).contains("password");

        Result member = cli("members", "set", user, "VIEWER");
        assertThat(member.code()).as(member.toString()).isZero();
        assertThat(cli("members", "list").out()).contains(user).contains("VIEWER");

        Result key = cli("keys", "create", "worker-" + suffix, "--role", "OPERATOR");
        assertThat(key.code()).as(key.toString()).isZero();
        String apiKey = key.out().strip();
        assertThat(apiKey).startsWith("tfk_");
        assertThat(key.err()).contains("shown this once");
        Result withKey = cli("tasks", "list", "--token", apiKey);
        assertThat(withKey.code()).as(withKey.toString()).isZero();
        assertThat(cli("keys", "list").out()).contains("worker-" + suffix).doesNotContain(apiKey);

        Result disabled = cli("users", "set", user, "--disabled", "true");
        assertThat(disabled.code()).as(disabled.toString()).isZero();
        assertThat(cli("users", "delete", user).code()).isZero();
        assertThat(cli("users", "delete", user).code()).isEqualTo(4);
        assertThat(cli("tenants", "delete", tenant).code()).isZero();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Result audit = cli("audit", "--action", "tenant.delete", "--target", tenant);
            assertThat(audit.code()).as(audit.toString()).isZero();
            assertThat(audit.out()).contains("admin", "tenant.delete", tenant, "SUCCEEDED");
        });
        String stranger = "nobody-" + suffix;
        withInput("wrong-password\n", "login", "--user", stranger, "--password-stdin");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Result everywhere = cli("audit", "--all-tenants", "--actor", stranger);
            assertThat(everywhere.code()).as(everywhere.toString()).isZero();
            assertThat(everywhere.out()).contains("TENANT", stranger, "auth.login", "DENIED");
        });
        Result badOutcome = cli("audit", "--outcome", "MAYBE");
        assertThat(badOutcome.code()).isEqualTo(4);
        assertThat(badOutcome.err()).contains("outcome");
    }
}
