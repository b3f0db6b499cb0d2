package io.taskforge.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskforge.server.testing.Http;
import io.taskforge.server.testing.Http.Response;
import io.taskforge.server.testing.SqliteStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Walks every operation of the served OpenAPI document with no credentials, with each role, and
 * with the ids and names of another tenant's resources:
 *
 * <ul>
 *   <li>no credentials: 401 with a Bearer challenge (but for sign-in and refresh);
 *   <li>a role below the one the operation needs: 403;
 *   <li>a role that may: never 401 or 403, never a 5xx; and where the path names a resource of
 *       the tenant, another tenant's resource is answered exactly as a missing one (the same
 *       status), so its existence is not revealed.
 * </ul>
 *
 * The role each operation needs is decided here, independently of the server's rules: an
 * operation this test cannot place fails it, so a new endpoint must be placed on purpose.
 */
@SqliteStore
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"taskforge.worker.queues=default", "taskforge.worker.concurrency=2"})
class AuthorizationMatrixTest {
    private static final Logger log = LoggerFactory.getLogger(AuthorizationMatrixTest.class);

    /** Who may call an operation, from least to most. */
    enum Need {
        PUBLIC,
        SIGNED_IN,
        VIEWER,
        OPERATOR,
        ADMIN,
        SUPERADMIN
    }

    /** The callers, from least to most. */
    enum As {
        VIEWER,
        OPERATOR,
        ADMIN,
        SUPERADMIN;

        boolean may(Need need) {
            return switch (need) {
                case PUBLIC, SIGNED_IN, VIEWER -> true;
                case OPERATOR -> this != VIEWER;
                case ADMIN -> this == ADMIN || this == SUPERADMIN;
                case SUPERADMIN -> this == SUPERADMIN;
            };
        }
    }

    @LocalServerPort
    int port;

    Http admin;
    String suffix;
    final Map<As, Http> callers = new LinkedHashMap<>();
    /** Path parameter values naming the foreign tenant's resources, per path prefix. */
    final Map<String, String> foreign = new LinkedHashMap<>();

    @BeforeEach
    void setUp() {
        admin = new Http(port);
        suffix = UUID.randomUUID().toString().substring(0, 8);
        callers.put(As.VIEWER, member("viewer", "VIEWER"));
        callers.put(As.OPERATOR, member("operator", "OPERATOR"));
        callers.put(As.ADMIN, member("tadmin", "ADMIN"));
        callers.put(As.SUPERADMIN, admin);
        createForeignTenant();
    }

    private Http member(String prefix, String role) {
        String name = prefix + "-" + suffix;
        Response r = admin.post(
                "/api/v1/users",
                "{\"name\": \"" + name + "\", \"password\": \"password-" + name + "\", \"tenants\": {\"default\": \""
                        + role + "\"}}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return admin.as(admin.login(name, "password-" + name));
    }

    private JsonNode ok(Response r) {
        assertThat(r.status()).as(r.toString()).isBetween(200, 299);
        return r.json();
    }

    /** A tenant of its own with one of everything, made by the superadmin acting in it. */
    private void createForeignTenant() {
        String tenant = "foreign-" + suffix;
        ok(admin.post("/api/v1/tenants", "{\"id\": \"" + tenant + "\", \"name\": \"Foreign\"}"));
        Http there = admin.inTenant(tenant);
        String queue = "foreign-idle-" + suffix;
        String task = ok(there.post(
                        "/api/v1/tasks",
                        "{\"type\": \"noop\", \"queue\": \"" + queue + "\", \"title\": \"secret-" + suffix
                                + "\", \"tags\": [\"ftag-" + suffix + "\"]}"))
                .get("id")
                .asString();
        String script = "fscript-" + suffix;
        ok(there.post(
                "/api/v1/scripts",
                "{\"name\": \"" + script + "\", \"language\": \"bash\", \"content\": \"echo hi\", \"queue\": \"" + queue
                        + "\"}"));
        String pipeline = "fpipe-" + suffix;
        ok(there.post(
                "/api/v1/pipelines",
                "{\"name\": \"" + pipeline + "\", \"steps\": [{\"id\": \"a\", \"type\": \"noop\", \"queue\": \"" + queue
                        + "\"}]}"));
        String run = ok(there.post("/api/v1/pipelines/" + pipeline + "/runs", "{}"))
                .get("id")
                .asString();
        String schedule = "fsched-" + suffix;
        ok(there.post(
                "/api/v1/schedules",
                "{\"name\": \"" + schedule + "\", \"cron\": \"0 3 * * *\", \"paused\": true, \"task\": {\"type\":"
                        + " \"noop\", \"queue\": \"" + queue + "\"}}"));
        String key = ok(there.post("/api/v1/api-keys", "{\"name\": \"fkey\", \"role\": \"VIEWER\"}"))
                .get("apiKey")
                .get("id")
                .asString();
        foreign.put("/api/v1/tasks/", task);
        foreign.put("/api/v1/worker/tasks/", task);
        foreign.put("/api/v1/pipeline-runs/", run);
        foreign.put("/api/v1/pipelines/", pipeline);
        foreign.put("/api/v1/scripts/", script);
        foreign.put("/api/v1/schedules/", schedule);
        foreign.put("/api/v1/tags/", "ftag-" + suffix);
        foreign.put("/api/v1/queues/", queue);
        foreign.put("/api/v1/api-keys/", key);
    }

    /** The role an operation needs: the matrix this test holds the server to. */
    static Need need(String method, String path) {
        boolean read = method.equals("GET");
        if (path.equals("/api/v1/auth/login") || path.equals("/api/v1/auth/refresh")) {
            return Need.PUBLIC;
        }
        if (path.startsWith("/api/v1/auth/")) {
            return Need.SIGNED_IN;
        }
        if (path.startsWith("/api/v1/tenants") || path.startsWith("/api/v1/users")) {
            return Need.SUPERADMIN;
        }
        if (path.startsWith("/api/v1/queues")) {
            if (read) {
                return Need.VIEWER;
            }
            return path.endsWith("/retry-failed") ? Need.OPERATOR : Need.SUPERADMIN;
        }
        if (path.startsWith("/api/v1/audit")
                || path.startsWith("/api/v1/members")
                || path.startsWith("/api/v1/api-keys")) {
            return Need.ADMIN;
        }
        if (read) {
            return Need.VIEWER;
        }
        if (path.equals("/api/v1/scripts/{ref}/run")
                || path.equals("/api/v1/pipelines/{ref}/runs")
                || path.equals("/api/v1/schedules/{ref}/trigger")) {
            return Need.OPERATOR;
        }
        if (path.startsWith("/api/v1/scripts")
                || path.startsWith("/api/v1/pipelines")
                || path.startsWith("/api/v1/schedules")) {
            return Need.ADMIN;
        }
        if (path.startsWith("/api/v1/tasks")
                || path.startsWith("/api/v1/tags")
                || path.startsWith("/api/v1/pipeline-runs")
                || path.startsWith("/api/v1/worker/")) {
            return Need.OPERATOR;
        }
        return null;
    }

    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

    /** The path with its parameters filled: the foreign tenant's resource, or one that does not exist. */
    private String fill(String path, boolean missing) {
        String resource = null;
        for (Map.Entry<String, String> e : foreign.entrySet()) {
            if (path.startsWith(e.getKey())) {
                resource = missing ? missingLike(e.getValue()) : e.getValue();
                break;
            }
        }
        Matcher m = PARAM.matcher(path);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = m.group(1).equals("version") ? "1" : resource != null ? resource : "missing-" + suffix;
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String missingLike(String value) {
        return value.matches("[0-9a-f-]{36}") ? UUID.randomUUID().toString() : "missing-" + suffix;
    }

    /** Whether the path names a resource of a tenant (as opposed to a user, tenant or member). */
    private boolean namesTenantResource(String path) {
        return PARAM.matcher(path).find() && foreign.keySet().stream().anyMatch(path::startsWith);
    }

    private static Response call(Http http, String method, String path) {
        if (path.endsWith("/stream")) {
            // An event stream that opens never ends: its status is the answer.
            try (var stream = http.open(path)) {
                return new Response(stream.status(), stream.headers(), "");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        boolean body = !method.equals("GET") && !method.equals("DELETE");
        return http.send(method, path, body ? "{}" : null, body ? "application/json" : null);
    }

    @Test
    void every_operation_answers_each_role_and_each_tenant_as_the_matrix_says() {
        JsonNode doc = admin.anonymous().get("/v3/api-docs").json();
        List<String> failures = new ArrayList<>();
        Map<String, String> matrix = new TreeMap<>();
        int checks = 0;
        for (Map.Entry<String, JsonNode> p : doc.get("paths").properties()) {
            String path = p.getKey();
            for (Map.Entry<String, JsonNode> o : p.getValue().properties()) {
                String method = o.getKey().toUpperCase(java.util.Locale.ROOT);
                String op = method + " " + path;
                Need need = need(method, path);
                if (need == null) {
                    failures.add(op + ": not placed in the matrix of this test");
                    continue;
                }
                StringBuilder row = new StringBuilder(need.name());
                if (need != Need.PUBLIC) {
                    Response r = call(admin.anonymous(), method, fill(path, false));
                    checks++;
                    if (r.status() != 401
                            || !r.header("WWW-Authenticate").orElse("").startsWith("Bearer")) {
                        failures.add(op + " without credentials: " + r);
                    }
                    row.append(" anon=").append(r.status());
                }
                for (As as : As.values()) {
                    Http http = callers.get(as);
                    Response foreignAnswer = call(http, method, fill(path, false));
                    checks++;
                    row.append(' ')
                            .append(as.name().toLowerCase(java.util.Locale.ROOT))
                            .append('=');
                    row.append(foreignAnswer.status());
                    if (!as.may(need)) {
                        if (foreignAnswer.status() != 403) {
                            failures.add(op + " as " + as + " (needs " + need + "): " + foreignAnswer);
                        }
                        continue;
                    }
                    if (foreignAnswer.status() == 401
                            || foreignAnswer.status() == 403
                            || foreignAnswer.status() >= 500) {
                        failures.add(op + " as " + as + " (may): " + foreignAnswer);
                        continue;
                    }
                    if (namesTenantResource(path)) {
                        Response missing = call(http, method, fill(path, true));
                        checks++;
                        if (missing.status() != foreignAnswer.status()) {
                            failures.add(op + " as " + as + ": another tenant's resource answered " + foreignAnswer
                                    + " but a missing one " + missing);
                        }
                        if (path.startsWith("/api/v1/queues/")) {
                            // A queue is a name every tenant may use: it answers for any name, with this
                            // tenant's counts only (the foreign tenant has a task waiting in it).
                            if (method.equals("GET") && !foreignAnswer.body().contains("\"queued\":0")) {
                                failures.add(
                                        op + " as " + as + ": another tenant's tasks are counted: " + foreignAnswer);
                            }
                        } else if (foreignAnswer.status() / 100 == 2) {
                            failures.add(op + " as " + as + ": another tenant's resource was served: " + foreignAnswer);
                        }
                    }
                }
                matrix.put(op, row.toString());
            }
        }
        StringBuilder table = new StringBuilder("authorisation matrix (" + checks + " calls):\n");
        matrix.forEach((op, row) -> table.append(String.format("  %-50s %s%n", op, row)));
        log.info("{}", table);
        assertThat(failures).as(table.toString()).isEmpty();
        assertThat(matrix).hasSizeGreaterThan(70);
    }

    @Test
    void an_operator_cannot_reach_another_tenants_task_or_its_logs_by_any_path() {
        Http operator = callers.get(As.OPERATOR);
        String task = foreign.get("/api/v1/tasks/");
        String run = foreign.get("/api/v1/pipeline-runs/");
        assertThat(operator.get("/api/v1/tasks/" + task).status()).isEqualTo(404);
        assertThat(operator.get("/api/v1/tasks/" + task + "/logs").status()).isEqualTo(404);
        assertThat(operator.get("/api/v1/tasks/" + task + "/events").status()).isEqualTo(404);
        assertThat(operator.get("/api/v1/tasks/" + task + "/logs/stream").status())
                .isEqualTo(404);
        assertThat(operator.get("/api/v1/pipeline-runs/" + run).status()).isEqualTo(404);
        String list = operator.get("/api/v1/tasks?limit=500&includeTotal=true").body();
        assertThat(list).doesNotContain(task).doesNotContain("secret-" + suffix);
        assertThat(operator.get("/api/v1/tasks?q=secret-" + suffix).json().get("items"))
                .isEmpty();
        assertThat(operator.get("/api/v1/tasks?pipelineRunId=" + run).json().get("items"))
                .isEmpty();
        assertThat(operator.get("/api/v1/tasks?tag=ftag-" + suffix).json().get("items"))
                .isEmpty();
        assertThat(operator.get("/api/v1/pipeline-runs?limit=500").body()).doesNotContain(run);
        // The superadmin acting in the foreign tenant does see it: the data is there.
        assertThat(admin.inTenant("foreign-" + suffix)
                        .get("/api/v1/tasks/" + task)
                        .status())
                .isEqualTo(200);
    }
}
