package io.taskforge.server.audit;

import static io.taskforge.server.testing.ProblemAssertions.errorFields;
import static io.taskforge.server.testing.ProblemAssertions.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskforge.audit.ActorKind;
import io.taskforge.audit.AuditQuery;
import io.taskforge.audit.AuditStore;
import io.taskforge.audit.Outcome;
import io.taskforge.auth.Role;
import io.taskforge.server.auth.Caller;
import io.taskforge.server.auth.CurrentCaller;
import io.taskforge.server.testing.Http;
import io.taskforge.server.testing.Http.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.JsonNode;

/**
 * The audit log over real HTTP against the whole server: changes made through the API appear in
 * {@code GET /api/v1/audit} with their action, target and outcome, refused ones too; reads do not;
 * the log is for a tenant's administrators, shows only that tenant, and cannot be changed.
 * Subclasses pick the store.
 *
 * <p>The caller is a test bean that each test may switch ({@link SwitchableCaller}). Tasks go to a
 * queue nobody serves, so they stay as the test left them. The tests share one database: each
 * looks at its own targets, or at what happened since it started.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"taskforge.worker.queues=default", "taskforge.worker.shutdown-grace=2s"})
@Import(AuditApiContract.Callers.class)
abstract class AuditApiContract {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String AUDIT = "/api/v1/audit";
    static final String TASKS = "/api/v1/tasks";

    @TestConfiguration(proxyBeanMethods = false)
    static class Callers {
        @Bean
        @Primary
        SwitchableCaller switchableCaller() {
            return new SwitchableCaller();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    SwitchableCaller caller;

    @Autowired
    CurrentCaller currentCaller;

    @Autowired
    AuditStore store;

    Http http;
    String queue;
    Instant started;

    @BeforeEach
    void connect() {
        http = new Http(port);
        queue = "idle-" + UUID.randomUUID().toString().substring(0, 8);
        started = Instant.now().minusMillis(5);
    }

    @AfterEach
    void resetCaller() {
        caller.reset();
    }

    // ---- helpers ------------------------------------------------------------------------------------

    String createTask(String... extraFields) {
        StringBuilder body = new StringBuilder("{\"type\": \"noop\", \"queue\": \"" + queue + "\"");
        for (String f : extraFields) {
            body.append(", ").append(f);
        }
        body.append('}');
        Response r = http.post(TASKS, body.toString());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    List<JsonNode> events(String query) {
        Response r = http.get(AUDIT + "?" + query);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return items(r.json());
    }

    static List<JsonNode> items(JsonNode page) {
        return StreamSupport.stream(page.get("items").spliterator(), false).toList();
    }

    /** Waits until the events of the query are {@code count} (the log is written in batches). */
    List<JsonNode> awaitEvents(String query, int count) {
        List<JsonNode> found = new ArrayList<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            found.clear();
            found.addAll(events(query));
            assertThat(found).hasSize(count);
        });
        return found;
    }

    static List<String> actions(List<JsonNode> events) {
        return events.stream().map(e -> e.get("action").asString()).toList();
    }

    String since() {
        return "from=" + started;
    }

    // ---- recording ----------------------------------------------------------------------------------

    @Test
    void a_change_through_the_api_appears_with_its_action_target_and_outcome() {
        String id = createTask();
        assertThat(http.post(TASKS + "/" + id + "/cancel").status()).isEqualTo(202);

        List<JsonNode> events = awaitEvents("targetId=" + id, 2);

        assertThat(actions(events)).containsExactly("task.cancel", "task.create");
        JsonNode cancel = events.get(0);
        assertThat(cancel.get("targetType").asString()).isEqualTo("task");
        assertThat(cancel.get("outcome").asString()).isEqualTo("SUCCEEDED");
        assertThat(cancel.get("status").asInt()).isEqualTo(202);
        assertThat(cancel.get("tenantId").asString()).isEqualTo("default");
        assertThat(cancel.get("actor").asString()).isEqualTo("system");
        assertThat(cancel.get("actorKind").asString()).isEqualTo("SYSTEM");
        assertThat(cancel.get("clientAddress").asString()).isEqualTo("127.0.0.1");
        assertThat(Instant.parse(cancel.get("at").asString())).isAfterOrEqualTo(started);
        JsonNode create = events.get(1);
        assertThat(create.get("status").asInt()).isEqualTo(201);
        assertThat(create.get("detail").asString()).isEqualTo("created /api/v1/tasks/" + id);
        assertThat(Instant.parse(create.get("at").asString()))
                .isBeforeOrEqualTo(Instant.parse(cancel.get("at").asString()));
    }

    @Test
    void refused_changes_are_recorded_as_denied() {
        String missing = UUID.randomUUID().toString();
        problem(http.post(TASKS + "/" + missing + "/cancel"), 404);
        String finished = createTask();
        assertThat(http.post(TASKS + "/" + finished + "/cancel").status()).isEqualTo(202);
        problem(http.post(TASKS + "/" + finished + "/cancel"), 409);
        problem(http.post(TASKS, "{\"type\": \"noop\", \"queue\": \"" + queue + "\", \"maxAttempts\": 0}"), 422);

        JsonNode notFound = awaitEvents("targetId=" + missing, 1).getFirst();
        assertThat(notFound.get("action").asString()).isEqualTo("task.cancel");
        assertThat(notFound.get("outcome").asString()).isEqualTo("DENIED");
        assertThat(notFound.get("status").asInt()).isEqualTo(404);
        assertThat(notFound.get("detail").asString()).isEqualTo("NotFoundException");

        JsonNode conflict =
                awaitEvents("targetId=" + finished + "&outcome=DENIED", 1).getFirst();
        assertThat(conflict.get("action").asString()).isEqualTo("task.cancel");
        assertThat(conflict.get("status").asInt()).isEqualTo(409);

        JsonNode invalid =
                awaitEvents("action=task.create&outcome=denied&" + since(), 1).getFirst();
        assertThat(invalid.get("status").asInt()).isEqualTo(422);
        assertThat(invalid.get("targetId").isNull()).isTrue();
        assertThat(invalid.get("detail").asString()).isEqualTo("TaskValidationException");
    }

    @Test
    void reads_are_not_recorded() {
        String id = createTask();
        assertThat(http.get(TASKS + "/" + id).status()).isEqualTo(200);
        assertThat(http.get(TASKS + "/" + id + "/events").status()).isEqualTo(200);
        assertThat(http.get(TASKS + "/" + id + "/logs").status()).isEqualTo(200);
        assertThat(http.get(TASKS + "?queue=" + queue).status()).isEqualTo(200);
        assertThat(http.send("HEAD", TASKS + "/" + id, null, null).status()).isEqualTo(200);
        assertThat(http.patch(TASKS + "/" + id, "{\"title\": \"after the reads\"}")
                        .status())
                .isEqualTo(200);

        // The writer keeps the order it was given: once the last change is in, so is all before it.
        List<JsonNode> events = awaitEvents("targetId=" + id, 2);

        assertThat(actions(events)).containsExactly("task.update", "task.create");
        assertThat(events(since() + "&action=http.get")).isEmpty();
    }

    @Test
    void filters_combine_and_pages_follow_each_other_newest_first() {
        String id = createTask();
        for (int i = 0; i < 4; i++) {
            assertThat(http.patch(TASKS + "/" + id, "{\"title\": \"t" + i + "\"}")
                            .status())
                    .isEqualTo(200);
        }
        problem(http.patch(TASKS + "/" + id, "{\"status\": \"SUCCEEDED\"}"), 422);
        List<JsonNode> all = awaitEvents("targetId=" + id, 6);

        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = http.get(
                            AUDIT + "?targetId=" + id + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            items(page).forEach(e -> paged.add(e.get("id").asString()));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(paged)
                .containsExactlyElementsOf(
                        all.stream().map(e -> e.get("id").asString()).toList());
        assertThat(pages).isEqualTo(3);
        List<Instant> times =
                all.stream().map(e -> Instant.parse(e.get("at").asString())).toList();
        assertThat(times).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(events("targetId=" + id + "&action=task.update")).hasSize(5);
        assertThat(events("targetId=" + id + "&action=task.update&outcome=DENIED"))
                .singleElement()
                .satisfies(e -> assertThat(e.get("status").asInt()).isEqualTo(422));
        assertThat(events("targetId=" + id + "&targetType=task&actor=system")).hasSize(6);
        assertThat(events("targetId=" + id + "&targetType=script")).isEmpty();
        assertThat(events("targetId=" + id + "&actor=nobody")).isEmpty();
        String third = all.get(2).get("at").asString();
        assertThat(events("targetId=" + id + "&from=" + third))
                .allSatisfy(
                        e -> assertThat(Instant.parse(e.get("at").asString())).isAfterOrEqualTo(Instant.parse(third)))
                .hasSizeGreaterThanOrEqualTo(3);
        assertThat(events("targetId=" + id + "&to=" + third))
                .allSatisfy(
                        e -> assertThat(Instant.parse(e.get("at").asString())).isBefore(Instant.parse(third)));
    }

    @Test
    void bad_filters_are_refused_with_a_problem_naming_them() {
        JsonNode unreadable = problem(http.get(AUDIT + "?outcome=MAYBE&from=yesterday&limit=x"), 400);
        assertThat(errorFields(unreadable)).containsExactlyInAnyOrder("outcome", "from", "limit");
        JsonNode outOfBounds = problem(http.get(AUDIT + "?limit=501"), 422);
        assertThat(errorFields(outOfBounds)).containsExactly("limit");
        JsonNode cursor = problem(http.get(AUDIT + "?cursor=not-a-cursor"), 400);
        assertThat(errorFields(cursor)).containsExactly("cursor");
    }

    // ---- who may read what --------------------------------------------------------------------------

    @Test
    void only_administrators_of_the_tenant_read_the_log() {
        for (Role role : List.of(Role.VIEWER, Role.OPERATOR)) {
            caller.set(new Caller("olga", "u-olga", null, "default", role, false, null));
            JsonNode p = problem(http.get(AUDIT), 403);
            assertThat(p.get("type").asString()).isEqualTo("urn:taskforge:problem:forbidden");
        }
        caller.set(new Caller("root", "u-root", null, "default", Role.VIEWER, true, null));
        assertThat(http.get(AUDIT).status()).isEqualTo(200);
        caller.set(new Caller("ada", "u-ada", null, "default", Role.ADMIN, false, null));
        assertThat(http.get(AUDIT).status()).isEqualTo(200);
    }

    @Test
    void a_tenant_sees_only_its_own_events_with_its_callers_named() {
        String ours = createTask();
        String tenant = "acme-" + UUID.randomUUID().toString().substring(0, 8);
        caller.set(new Caller("alice", "u-alice", null, tenant, Role.ADMIN, false, null));
        String theirs = createTask();
        caller.set(new Caller("build-bot", "u-alice", "k-1", tenant, Role.OPERATOR, false, null));
        assertThat(http.post(TASKS + "/" + theirs + "/cancel").status()).isEqualTo(202);
        caller.set(new Caller("alice", "u-alice", null, tenant, Role.ADMIN, false, null));

        List<JsonNode> visible = awaitEvents("", 2);

        assertThat(visible)
                .allSatisfy(e -> assertThat(e.get("tenantId").asString()).isEqualTo(tenant));
        assertThat(visible.get(0).get("actor").asString()).isEqualTo("build-bot");
        assertThat(visible.get(0).get("actorKind").asString()).isEqualTo("API_KEY");
        assertThat(visible.get(1).get("actor").asString()).isEqualTo("alice");
        assertThat(visible.get(1).get("actorKind").asString()).isEqualTo("USER");
        assertThat(events("targetId=" + ours)).isEmpty();

        caller.reset();
        assertThat(events("targetId=" + ours)).hasSize(1);
        assertThat(events("targetId=" + theirs)).isEmpty();
    }

    @Test
    void a_superadmin_reads_every_tenants_events_and_those_of_no_tenant() {
        String tenant = "zeta-" + UUID.randomUUID().toString().substring(0, 8);
        caller.set(new Caller("zed", "u-zed", null, tenant, Role.ADMIN, false, null));
        String theirs = createTask();
        JsonNode refused = problem(http.get(AUDIT + "?allTenants=true"), 403);
        assertThat(refused.get("detail").asString()).contains("superadmin");
        caller.set(new Caller("root", "u-root", null, "default", Role.ADMIN, true, null));
        String stranger = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
        Response login = http.anonymous()
                .post("/api/v1/auth/login", "{\"username\": \"" + stranger + "\", \"password\": \"nope-nope\"}");
        assertThat(login.status()).isEqualTo(401);

        List<JsonNode> created = awaitEvents("allTenants=true&targetId=" + theirs, 1);
        assertThat(created.getFirst().get("tenantId").asString()).isEqualTo(tenant);
        List<JsonNode> signIn = awaitEvents("allTenants=true&action=auth.login&actor=" + stranger, 1);
        assertThat(signIn.getFirst().get("tenantId").isNull()).isTrue();
        assertThat(signIn.getFirst().get("outcome").asString()).isEqualTo("DENIED");
        // Without it, the superadmin reads its own tenant's events only.
        assertThat(events("targetId=" + theirs)).isEmpty();
        assertThat(events("action=auth.login&actor=" + stranger)).isEmpty();
        problem(http.get(AUDIT + "?allTenants=maybe"), 400);
    }

    // ---- what the log never holds, and that it cannot be changed --------------------------------------

    @Test
    void nothing_of_the_request_body_headers_or_query_reaches_the_log() {
        String secret = "s3cr3t-" + UUID.randomUUID();
        String id = createTask(
                "\"title\": \"" + secret + "-title\"", "\"payload\": {\"password\": \"" + secret + "-payload\"}");
        Response refused = http.post(
                TASKS + "?token=" + secret + "-query",
                "{\"type\": \"noop\", \"maxAttempts\": 0, \"title\": \"" + secret + "-refused\"}",
                "X-Secret",
                secret + "-header",
                "Idempotency-Key",
                secret + "-key");
        problem(refused, 422);
        // A made-up credential is refused and recorded without itself.
        assertThat(http.as("tfk_" + secret + "-token")
                        .post(TASKS, "{\"type\": \"noop\"}")
                        .status())
                .isEqualTo(401);
        assertThat(http.patch(TASKS + "/" + id, "{\"description\": \"" + secret + "-patch\"}")
                        .status())
                .isEqualTo(200);

        awaitEvents("targetId=" + id, 2);
        Response all = http.get(AUDIT + "?limit=500&" + since());

        assertThat(items(all.json())).hasSizeGreaterThanOrEqualTo(3);
        assertThat(all.body()).doesNotContain(secret);
    }

    @Test
    void the_log_cannot_be_changed_through_the_api() {
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            Response r = http.send(method, AUDIT, "{}", "application/json");
            problem(r, 405);
        }
        Response r = http.send("DELETE", AUDIT + "/" + UUID.randomUUID(), null, null);
        assertThat(r.status()).isIn(404, 405);

        List<JsonNode> attempts = awaitEvents("action=http.put&" + since(), 1);
        assertThat(attempts.getFirst().get("outcome").asString()).isEqualTo("DENIED");
        assertThat(attempts.getFirst().get("status").asInt()).isEqualTo(405);
        assertThat(attempts.getFirst().get("detail").asString()).isEqualTo("PUT /api/v1/audit");
    }

    @Test
    void requests_refused_before_they_reach_a_controller_are_named_after_the_endpoint() {
        String id = createTask();
        // Refused by the security filters: a VIEWER may not cancel, and nobody signed in may not retry.
        String viewer = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(http.post(
                                "/api/v1/users",
                                "{\"name\": \"" + viewer + "\", \"password\": \"password-" + viewer
                                        + "\", \"tenants\": {\"default\": \"VIEWER\"}}")
                        .status())
                .isEqualTo(201);
        Http asViewer = http.as(http.login(viewer, "password-" + viewer));
        assertThat(asViewer.post(TASKS + "/" + id + "/cancel").status()).isEqualTo(403);
        assertThat(http.anonymous().post(TASKS + "/" + id + "/retry").status()).isEqualTo(401);

        JsonNode forbidden =
                awaitEvents("targetId=" + id + "&outcome=DENIED", 1).getFirst();
        assertThat(forbidden.get("action").asString()).isEqualTo("task.cancel");
        assertThat(forbidden.get("status").asInt()).isEqualTo(403);
        assertThat(forbidden.get("actor").asString()).isEqualTo(viewer);

        // Nobody authenticated: no tenant, so no tenant's administrators see it; the store has it.
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(store.auditList(AuditQuery.builder()
                                        .targetId(id)
                                        .action("task.retry")
                                        .build())
                                .items())
                        .singleElement()
                        .satisfies(e -> {
                            assertThat(e.actorKind()).isEqualTo(ActorKind.ANONYMOUS);
                            assertThat(e.actor()).isNull();
                            assertThat(e.tenantId()).isNull();
                            assertThat(e.outcome()).isEqualTo(Outcome.DENIED);
                            assertThat(e.status()).isEqualTo(401);
                            assertThat(e.targetType()).isEqualTo("task");
                        }));
        assertThat(events("action=task.retry&targetId=" + id)).isEmpty();
    }

    @Test
    void the_caller_bean_of_the_test_is_the_one_in_use() {
        assertThat(currentCaller).isSameAs(caller);
    }
}
