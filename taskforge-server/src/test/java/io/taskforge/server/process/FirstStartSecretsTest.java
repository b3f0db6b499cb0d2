package io.taskforge.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskforge.server.testing.Http;
import io.taskforge.server.testing.Http.Response;
import io.taskforge.server.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real server's first start without a configured password, then a full run of everything secret
 * (sign-ins, refreshes, keys, a password change), then a restart: the generated password is
 * printed once and written to a file only its owner reads, and no secret ever appears in the logs.
 */
class FirstStartSecretsTest {

    @Test
    @Timeout(240)
    void the_first_admin_password_is_printed_once_and_no_secret_is_ever_logged() throws Exception {
        Path dataDir = TestData.directory("first-start-");
        List<String> secrets = new ArrayList<>();
        String password;
        String firstLog;
        int port = TaskforgeProcess.freePort();
        try (TaskforgeProcess first = server("first-start-1", dataDir, port)) {
            Path file = dataDir.resolve("initial-admin-password");
            assertThat(file).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
            password = Files.readString(file).strip();
            assertThat(password).hasSizeGreaterThanOrEqualTo(20);

            Http anonymous = new Http("http://127.0.0.1:" + port, Duration.ofSeconds(10)).anonymous();
            Response login = anonymous.post(
                    "/api/v1/auth/login", "{\"username\": \"admin\", \"password\": \"" + password + "\"}");
            assertThat(login.status()).as(login.toString()).isEqualTo(200);
            String access = login.json().get("accessToken").asString();
            String refresh = login.json().get("refreshToken").asString();
            secrets.addAll(List.of(access, refresh));
            Http admin = anonymous.as(access);

            String userPassword = "user-password-" + System.nanoTime();
            secrets.add(userPassword);
            Response user = admin.post(
                    "/api/v1/users",
                    "{\"name\": \"ann\", \"password\": \"" + userPassword
                            + "\", \"tenants\": {\"default\": \"OPERATOR\"}}");
            assertThat(user.status()).as(user.toString()).isEqualTo(201);
            String annToken = admin.login("ann", userPassword);
            secrets.add(annToken);
            // A failed sign-in with a near miss must not log what was typed either.
            String typo = userPassword + "x";
            secrets.add(typo);
            assertThat(anonymous
                            .post("/api/v1/auth/login", "{\"username\": \"ann\", \"password\": \"" + typo + "\"}")
                            .status())
                    .isEqualTo(401);

            Response refreshed = anonymous.post("/api/v1/auth/refresh", "{\"refreshToken\": \"" + refresh + "\"}");
            assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
            secrets.add(refreshed.json().get("accessToken").asString());
            secrets.add(refreshed.json().get("refreshToken").asString());

            Response key = admin.post("/api/v1/api-keys", "{\"name\": \"ci\", \"role\": \"OPERATOR\"}");
            assertThat(key.status()).as(key.toString()).isEqualTo(201);
            String apiKey = key.json().get("key").asString();
            secrets.add(apiKey);
            assertThat(anonymous
                            .as(apiKey)
                            .post("/api/v1/tasks", "{\"type\": \"noop\"}")
                            .status())
                    .isEqualTo(201);
            // A wrong key is refused without being logged.
            secrets.add(apiKey + "0");
            assertThat(anonymous.as(apiKey + "0").get("/api/v1/tasks").status()).isEqualTo(401);

            String newPassword = "changed-password-" + System.nanoTime();
            secrets.add(newPassword);
            Response changed = admin.post(
                    "/api/v1/auth/password",
                    "{\"currentPassword\": \"" + password + "\", \"newPassword\": \"" + newPassword + "\"}");
            assertThat(changed.status()).as(changed.toString()).isEqualTo(204);

            first.terminate(Duration.ofSeconds(30));
            firstLog = first.output();
        }
        assertThat(count(firstLog, password))
                .as("the generated password is printed exactly once")
                .isEqualTo(1);

        int port2 = TaskforgeProcess.freePort();
        String secondLog;
        try (TaskforgeProcess second = server("first-start-2", dataDir, port2)) {
            secondLog = second.output();
            second.terminate(Duration.ofSeconds(30));
            secondLog = second.output();
        }
        assertThat(secondLog).doesNotContain("Created the first user").doesNotContain(password);

        for (String secret : secrets) {
            assertThat(firstLog).as("the log holds a secret").doesNotContain(secret);
            assertThat(secondLog).as("the log holds a secret").doesNotContain(secret);
        }
        // No JWT of any kind (they start with the base64 of {"alg":...}).
        assertThat(firstLog + secondLog).doesNotContain("eyJhbGciOi");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static TaskforgeProcess server(String name, Path dataDir, int port) throws Exception {
        TaskforgeProcess p = TaskforgeProcess.start(
                name,
                // No configured password: the server makes one.
                Map.of("TASKFORGE_ADMIN_PASSWORD", ""),
                "server",
                "--port",
                String.valueOf(port),
                "--data-dir",
                dataDir.toString());
        try {
            p.awaitHealthy(port, Duration.ofSeconds(120));
            return p;
        } catch (Exception | AssertionError e) {
            p.close(); // a server that never became healthy must not outlive the test
            throw e;
        }
    }
}
