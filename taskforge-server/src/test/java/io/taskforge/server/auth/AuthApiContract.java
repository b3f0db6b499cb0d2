package io.taskforge.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskforge.server.testing.Http;
import io.taskforge.server.testing.Http.Response;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Sign-in, tokens, keys, roles and tenants through real HTTP: what a caller without credentials,
 * with bad ones, or with too small a role gets, and that a session ends when it should.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"taskforge.worker.queues=default", "taskforge.worker.concurrency=2"})
abstract class AuthApiContract {
    @LocalServerPort
    int port;

    Http admin;
    String suffix;

    @BeforeEach
    void connect() {
        admin = new Http(port);
        suffix = UUID.randomUUID().toString().substring(0, 8);
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static String json(String template, Object... args) {
        return template.formatted(args).replace('\'', '"');
    }

    /** A new user with {@code role} in the default tenant; returns the name (password "password-" + name). */
    private String user(String prefix, String role) {
        String name = prefix + "-" + suffix;
        Response r = admin.post(
                "/api/v1/users",
                json("{'name': '%s', 'password': 'password-%s', 'tenants': {'default': '%s'}}", name, name, role));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return name;
    }

    private Http signedIn(String name) {
        return admin.as(admin.login(name, "password-" + name));
    }

    private JsonNode loginTokens(String name, String password) {
        Response r = admin.anonymous()
                .post("/api/v1/auth/login", json("{'username': '%s', 'password': '%s'}", name, password));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static void assertProblem(Response r, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("detail").asString()).isNotBlank();
    }

    // ---- credentials --------------------------------------------------------------------------------

    @Test
    void without_credentials_the_api_answers_401_with_a_bearer_challenge_and_public_paths_stay_open() {
        Http anonymous = admin.anonymous();
        for (String path : new String[] {"/api/v1/tasks", "/api/v1/auth/me", "/api/v1/users", "/actuator/prometheus"}) {
            Response r = anonymous.get(path);
            assertProblem(r, 401);
            assertThat(r.header("WWW-Authenticate")).hasValue("Bearer realm=\"taskforge\"");
        }
        assertProblem(anonymous.post("/api/v1/tasks", "{\"type\": \"noop\"}"), 401);
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/v3/api-docs").status()).isEqualTo(200);
    }

    @Test
    void a_bad_credential_answers_401_naming_the_error_and_never_reaches_the_api() {
        for (String credential : new String[] {"not-a-jwt", "tfk_unknownkey", "eyJhbGciOiJIUzI1NiJ9.e30.x"}) {
            Response r = admin.as(credential).get("/api/v1/tasks");
            assertProblem(r, 401);
            assertThat(r.header("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");
        }
        Response basic = admin.get("/api/v1/tasks", "Authorization", "Basic YWRtaW46YWRtaW4=");
        assertProblem(basic, 401);
    }

    @Test
    void sign_in_answers_tokens_and_me_tells_who_and_where() {
        JsonNode tokens = loginTokens("admin", io.taskforge.server.testing.TestData.ADMIN_PASSWORD);
        assertThat(tokens.get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(tokens.get("expiresIn").asLong()).isEqualTo(900);
        assertThat(tokens.get("refreshToken").asString()).startsWith("tfr_");

        JsonNode me = admin.as(tokens.get("accessToken").asString())
                .get("/api/v1/auth/me")
                .json();
        assertThat(me.get("user").get("name").asString()).isEqualTo("admin");
        assertThat(me.get("user").get("superadmin").asBoolean()).isTrue();
        assertThat(me.get("user").has("passwordHash")).isFalse();
        assertThat(me.get("tenant").asString()).isEqualTo("default");
        assertThat(me.get("role").asString()).isEqualTo("ADMIN");
    }

    @Test
    void a_wrong_password_and_an_unknown_user_get_the_same_401_and_missing_fields_422() {
        String name = user("wrong", "VIEWER");
        Response wrong =
                admin.anonymous().post("/api/v1/auth/login", json("{'username': '%s', 'password': 'nope-nope'}", name));
        Response unknown = admin.anonymous()
                .post("/api/v1/auth/login", json("{'username': 'nobody-%s', 'password': 'nope-nope'}", suffix));
        assertProblem(wrong, 401);
        assertProblem(unknown, 401);
        assertThat(wrong.json().get("detail")).isEqualTo(unknown.json().get("detail"));

        Response missing = admin.anonymous().post("/api/v1/auth/login", "{}");
        assertProblem(missing, 422);
        assertThat(missing.body()).contains("username").contains("password");
        assertProblem(admin.anonymous().post("/api/v1/auth/login", "{not json"), 400);
    }

    @Test
    void guessing_a_password_is_refused_with_429_after_five_failures_even_with_the_right_one() {
        String name = user("guess", "VIEWER");
        for (int i = 0; i < 5; i++) {
            assertProblem(
                    admin.anonymous()
                            .post("/api/v1/auth/login", json("{'username': '%s', 'password': 'guess-%d-x'}", name, i)),
                    401);
        }
        Response refused = admin.anonymous()
                .post("/api/v1/auth/login", json("{'username': '%s', 'password': 'password-%s'}", name, name));
        assertProblem(refused, 429);
        assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).isPositive();
    }

    // ---- sessions -----------------------------------------------------------------------------------

    @Test
    void a_refresh_token_works_once_and_reusing_it_ends_every_session_of_the_user() {
        String name = user("refresh", "VIEWER");
        JsonNode first = loginTokens(name, "password-" + name);
        Response next = admin.anonymous()
                .post(
                        "/api/v1/auth/refresh",
                        json("{'refreshToken': '%s'}", first.get("refreshToken").asString()));
        assertThat(next.status()).as(next.toString()).isEqualTo(200);
        String second = next.json().get("refreshToken").asString();
        assertThat(admin.as(next.json().get("accessToken").asString())
                        .get("/api/v1/tasks")
                        .status())
                .isEqualTo(200);

        Response reuse = admin.anonymous()
                .post(
                        "/api/v1/auth/refresh",
                        json("{'refreshToken': '%s'}", first.get("refreshToken").asString()));
        assertProblem(reuse, 401);
        // The reuse may be a thief's: the token issued from it stops working too.
        assertProblem(admin.anonymous().post("/api/v1/auth/refresh", json("{'refreshToken': '%s'}", second)), 401);
        assertProblem(admin.anonymous().post("/api/v1/auth/refresh", "{\"refreshToken\": \"tfr_nonsense\"}"), 401);
    }

    @Test
    void logout_revokes_the_refresh_token() {
        String name = user("logout", "VIEWER");
        JsonNode tokens = loginTokens(name, "password-" + name);
        Http session = admin.as(tokens.get("accessToken").asString());
        Response out = session.post(
                "/api/v1/auth/logout",
                json("{'refreshToken': '%s'}", tokens.get("refreshToken").asString()));
        assertThat(out.status()).as(out.toString()).isEqualTo(204);
        assertProblem(
                admin.anonymous()
                        .post(
                                "/api/v1/auth/refresh",
                                json(
                                        "{'refreshToken': '%s'}",
                                        tokens.get("refreshToken").asString())),
                401);
    }

    @Test
    void changing_the_password_ends_sessions_opened_with_the_old_one() {
        String name = user("passwd", "VIEWER");
        Http before = signedIn(name);
        assertProblem(
                before.post(
                        "/api/v1/auth/password",
                        json("{'currentPassword': 'wrong-one', 'newPassword': 'another-password'}")),
                401);
        assertProblem(
                before.post(
                        "/api/v1/auth/password",
                        json("{'currentPassword': 'password-%s', 'newPassword': 'short'}", name)),
                422);
        Response changed = before.post(
                "/api/v1/auth/password",
                json("{'currentPassword': 'password-%s', 'newPassword': 'another-password'}", name));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(204);

        assertProblem(before.get("/api/v1/tasks"), 401);
        assertThat(admin.as(admin.login(name, "another-password"))
                        .get("/api/v1/tasks")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void a_disabled_user_is_signed_out_at_once() {
        String name = user("disabled", "VIEWER");
        Http session = signedIn(name);
        String id = session.get("/api/v1/auth/me").json().get("user").get("id").asString();
        Response r = admin.patch("/api/v1/users/" + id, "{\"disabled\": true}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertProblem(session.get("/api/v1/tasks"), 401);
        assertProblem(
                admin.anonymous()
                        .post("/api/v1/auth/login", json("{'username': '%s', 'password': 'password-%s'}", name, name)),
                401);
    }

    // ---- roles --------------------------------------------------------------------------------------

    @Test
    void a_viewer_reads_but_may_not_submit_and_an_operator_submits_but_may_not_write_scripts() {
        Http viewer = signedIn(user("viewer", "VIEWER"));
        assertThat(viewer.get("/api/v1/tasks").status()).isEqualTo(200);
        Response refused = viewer.post("/api/v1/tasks", "{\"type\": \"noop\", \"queue\": \"idle-auth\"}");
        assertProblem(refused, 403);
        assertThat(refused.json().get("detail").asString()).contains("VIEWER");

        String operatorName = user("operator", "OPERATOR");
        Http operator = signedIn(operatorName);
        Response submitted = operator.post("/api/v1/tasks", "{\"type\": \"noop\", \"queue\": \"idle-auth\"}");
        assertThat(submitted.status()).isEqualTo(201);
        String id = submitted.json().get("id").asString();
        assertThat(operator.post("/api/v1/tasks/" + id + "/cancel").status()).isBetween(200, 202);
        // The task's history names who cancelled it.
        assertThat(operator.get("/api/v1/tasks/" + id + "/events").body())
                .contains("\"actor\":\"" + operatorName + "\"");
        assertProblem(
                operator.post(
                        "/api/v1/scripts",
                        "{\"name\": \"s-" + suffix + "\", \"language\": \"bash\", \"content\": \"echo hi\"}"),
                403);
        assertProblem(operator.get("/api/v1/api-keys"), 403);
        assertProblem(operator.get("/api/v1/users"), 403);
    }

    @Test
    void a_tenant_admin_manages_members_but_not_users_or_tenants() {
        String name = user("tadmin", "ADMIN");
        Http tenantAdmin = signedIn(name);
        String other = user("member", "VIEWER");
        Response put =
                tenantAdmin.send("PUT", "/api/v1/members/" + other, "{\"role\": \"OPERATOR\"}", "application/json");
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(tenantAdmin.get("/api/v1/members").body()).contains(other).contains("OPERATOR");
        assertProblem(
                tenantAdmin.send("PUT", "/api/v1/members/" + other, "{\"role\": \"OWNER\"}", "application/json"), 422);
        assertProblem(
                tenantAdmin.send(
                        "PUT", "/api/v1/members/nobody-" + suffix, "{\"role\": \"VIEWER\"}", "application/json"),
                404);
        assertProblem(tenantAdmin.get("/api/v1/users"), 403);
        assertProblem(tenantAdmin.post("/api/v1/tenants", "{\"id\": \"t-" + suffix + "\", \"name\": \"T\"}"), 403);
        assertThat(tenantAdmin.delete("/api/v1/members/" + other).status()).isEqualTo(204);
        assertProblem(tenantAdmin.delete("/api/v1/members/" + name), 409);
    }

    @Test
    void running_code_is_for_admins_unless_the_tenant_lets_its_operators() {
        String tenant = "code-" + suffix;
        assertThat(admin.post("/api/v1/tenants", json("{'id': '%s', 'name': 'Code'}", tenant))
                        .status())
                .isEqualTo(201);
        String name = "coder-" + suffix;
        assertThat(admin.post(
                                "/api/v1/users",
                                json(
                                        "{'name': '%s', 'password': 'password-%s', 'tenants': {'%s': 'OPERATOR'}}",
                                        name, name, tenant))
                        .status())
                .isEqualTo(201);
        Http operator = signedIn(name);
        String shell = "{\"type\": \"shell\", \"queue\": \"idle-auth\", \"payload\": {\"command\": \"id\"}}";
        Response refused = operator.post("/api/v1/tasks", shell);
        assertProblem(refused, 403);
        assertThat(refused.json().get("type").asString()).isEqualTo("urn:taskforge:problem:code-execution-forbidden");
        assertProblem(operator.post("/api/v1/tasks/batch", "{\"tasks\": [{\"type\": \"noop\"}, " + shell + "]}"), 403);
        String script = "{\"name\": \"s-" + suffix + "\", \"language\": \"bash\", \"content\": \"echo hi\"}";
        assertProblem(operator.post("/api/v1/scripts", script), 403);

        Response granted = admin.patch("/api/v1/tenants/" + tenant, "{\"operatorCode\": true}");
        assertThat(granted.status()).as(granted.toString()).isEqualTo(200);
        assertThat(operator.post("/api/v1/tasks", shell).status()).isEqualTo(201);
        assertThat(operator.post("/api/v1/scripts", script).status()).isEqualTo(201);
    }

    @Test
    void a_tenant_over_its_quotas_is_refused_with_a_problem_naming_the_quota() {
        String tenant = "quota-" + suffix;
        Response created = admin.post(
                "/api/v1/tenants",
                json("{'id': '%s', 'name': 'Quota', 'maxWaiting': 2, 'maxPayloadBytes': 64}", tenant));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("maxWaiting").asInt()).isEqualTo(2);
        Http there = admin.inTenant(tenant);
        String task = "{\"type\": \"noop\", \"queue\": \"idle-quota\"}";
        assertThat(there.post("/api/v1/tasks", task).status()).isEqualTo(201);
        assertThat(there.post("/api/v1/tasks", task).status()).isEqualTo(201);

        Response full = there.post("/api/v1/tasks", task);
        assertProblem(full, 429);
        assertThat(full.json().get("quota").asString()).isEqualTo("maxWaiting");
        assertThat(full.header("Retry-After")).isPresent();
        assertProblem(there.post("/api/v1/tasks/batch", "{\"tasks\": [" + task + "]}"), 429);

        Response big = there.post(
                "/api/v1/tasks",
                "{\"type\": \"noop\", \"queue\": \"idle-quota\", \"payload\": {\"text\": \"" + "x".repeat(100)
                        + "\"}}");
        assertProblem(big, 413);
        assertThat(big.json().get("quota").asString()).isEqualTo("maxPayloadBytes");
        // Other tenants are not held back by this one's quota.
        assertThat(admin.post("/api/v1/tasks", task).status()).isEqualTo(201);
    }

    @Test
    void a_tenant_runs_no_more_tasks_at_once_than_its_running_quota_while_others_go_on() {
        String tenant = "busy-" + suffix;
        Response created = admin.post("/api/v1/tenants", json("{'id': '%s', 'name': 'Busy', 'maxRunning': 1}", tenant));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("maxRunning").asInt()).isEqualTo(1);
        assertProblem(admin.patch("/api/v1/tenants/" + tenant, "{\"maxRunning\": -1}"), 422);
        Http there = admin.inTenant(tenant);
        String sleep = "{\"type\": \"sleep\", \"payload\": {\"seconds\": 30}}";
        String first = there.post("/api/v1/tasks", sleep).json().get("id").asString();
        String second = there.post("/api/v1/tasks", sleep).json().get("id").asString();
        awaitStatus(there, first, "RUNNING");

        // Another tenant's task in the same queue is claimed past the waiting one.
        String other = admin.post("/api/v1/tasks", "{\"type\": \"noop\"}")
                .json()
                .get("id")
                .asString();
        awaitStatus(admin, other, "SUCCEEDED");
        assertThat(status(there, second)).isEqualTo("QUEUED");

        assertThat(there.post("/api/v1/tasks/" + first + "/cancel", "").status())
                .isEqualTo(202);
        awaitStatus(there, second, "RUNNING");
        assertThat(there.post("/api/v1/tasks/" + second + "/cancel", "").status())
                .isEqualTo(202);

        Response lifted = admin.patch("/api/v1/tenants/" + tenant, "{\"maxRunning\": 0}");
        assertThat(lifted.status()).as(lifted.toString()).isEqualTo(200);
        assertThat(lifted.json().get("maxRunning").isNull()).isTrue();
    }

    private static String status(Http http, String id) {
        return http.get("/api/v1/tasks/" + id).json().get("status").asString();
    }

    private static void awaitStatus(Http http, String id, String wanted) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(status(http, id)).isEqualTo(wanted));
    }

    // ---- tenants ------------------------------------------------------------------------------------

    @Test
    void a_member_of_one_tenant_acts_there_and_may_not_name_another() {
        String tenant = "t-" + suffix;
        Response created = admin.post("/api/v1/tenants", json("{'id': '%s', 'name': 'Team %s'}", tenant, suffix));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertProblem(admin.post("/api/v1/tenants", json("{'id': '%s', 'name': 'again'}", tenant)), 409);
        assertProblem(admin.post("/api/v1/tenants", "{\"id\": \"Bad Id\", \"name\": \"x\"}"), 422);

        String name = "solo-" + suffix;
        Response u = admin.post(
                "/api/v1/users",
                json("{'name': '%s', 'password': 'password-%s', 'tenants': {'%s': 'OPERATOR'}}", name, name, tenant));
        assertThat(u.status()).as(u.toString()).isEqualTo(201);
        Http member = signedIn(name);
        JsonNode me = member.get("/api/v1/auth/me").json();
        assertThat(me.get("tenant").asString()).isEqualTo(tenant);
        assertThat(me.get("role").asString()).isEqualTo("OPERATOR");

        Response elsewhere = member.inTenant("default").get("/api/v1/tasks");
        assertProblem(elsewhere, 403);
        assertThat(member.inTenant(tenant).get("/api/v1/tasks").status()).isEqualTo(200);

        assertProblem(admin.delete("/api/v1/tenants/default"), 409);
        assertThat(admin.delete("/api/v1/tenants/" + tenant).status()).isEqualTo(204);
        assertProblem(member.get("/api/v1/tasks"), 403);
    }

    // ---- API keys -----------------------------------------------------------------------------------

    @Test
    void an_api_key_is_shown_once_acts_with_its_role_in_its_tenant_and_stops_when_revoked() {
        Response created = admin.post("/api/v1/api-keys", json("{'name': 'ci-%s', 'role': 'OPERATOR'}", suffix));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String key = created.json().get("key").asString();
        String id = created.json().get("apiKey").get("id").asString();
        assertThat(key).startsWith("tfk_");

        String listed = admin.get("/api/v1/api-keys").body();
        assertThat(listed).contains(id).doesNotContain(key).doesNotContain(key.substring(12));

        Http machine = admin.as(key);
        assertThat(machine.post("/api/v1/tasks", "{\"type\": \"noop\", \"queue\": \"idle-auth\"}")
                        .status())
                .isEqualTo(201);
        assertProblem(machine.post("/api/v1/api-keys", "{\"name\": \"x\", \"role\": \"VIEWER\"}"), 403);
        assertProblem(machine.inTenant("elsewhere").get("/api/v1/tasks"), 403);
        JsonNode me = machine.get("/api/v1/auth/me").json();
        assertThat(me.get("apiKey").get("id").asString()).isEqualTo(id);
        assertThat(me.get("role").asString()).isEqualTo("OPERATOR");

        assertProblem(admin.post("/api/v1/api-keys", "{\"name\": \"\", \"role\": \"BOSS\"}"), 422);
        assertThat(admin.delete("/api/v1/api-keys/" + id).status()).isEqualTo(204);
        assertProblem(admin.delete("/api/v1/api-keys/" + id), 404);
        assertProblem(machine.get("/api/v1/tasks"), 401);
    }

    // ---- users --------------------------------------------------------------------------------------

    @Test
    void users_are_created_validated_and_deleted_without_their_password_ever_coming_back() {
        assertProblem(admin.post("/api/v1/users", "{\"name\": \"x y\", \"password\": \"short\"}"), 422);
        String name = user("listed", "VIEWER");
        assertProblem(admin.post("/api/v1/users", json("{'name': '%s', 'password': 'password-%s'}", name, name)), 409);
        String all = admin.get("/api/v1/users").body();
        assertThat(all).contains(name).doesNotContain("password").doesNotContain("$2a$");
        String id = signedIn(name)
                .get("/api/v1/auth/me")
                .json()
                .get("user")
                .get("id")
                .asString();
        assertThat(admin.delete("/api/v1/users/" + id).status()).isEqualTo(204);
        assertProblem(admin.get("/api/v1/users/" + id), 404);
        String adminId =
                admin.get("/api/v1/auth/me").json().get("user").get("id").asString();
        assertProblem(admin.delete("/api/v1/users/" + adminId), 409);
    }
}
