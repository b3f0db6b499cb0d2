package io.taskforge.server.testing;

import io.taskforge.server.testing.EventStream.SseEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real HTTP requests to a server under test, for every suite that talks to one: JSON in, the
 * status, headers and body out, and Server-Sent Events read with bounded waits. Headers are
 * passed as alternating names and values.
 *
 * <p>Requests are signed in as the test servers' {@code admin} ({@link TestData#ADMIN_PASSWORD}):
 * the first request signs in and the token is reused for that server. {@link #anonymous()} sends
 * no credentials, {@link #as} another bearer credential, {@link #inTenant} names a tenant. A
 * request that passes its own {@code Authorization} header sends only that.
 */
public final class Http {
    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Map<String, String> ADMIN_TOKENS = new ConcurrentHashMap<>();

    private final String base;
    private final Duration timeout;
    private final HttpClient client;
    /** Null: sign in as admin; empty: no credentials; else the bearer credential to send. */
    private final String bearer;

    private final String tenant;

    /** The server on this loopback port, with 30 s to connect and to answer. */
    public Http(int port) {
        this("http://127.0.0.1:" + port, TIMEOUT);
    }

    /** The server at {@code base} ({@code http://host:port}), with {@code timeout} to connect and to answer. */
    public Http(String base, Duration timeout) {
        this(base, timeout, newClient(timeout), null, null);
    }

    private Http(String base, Duration timeout, HttpClient client, String bearer, String tenant) {
        this.base = base;
        this.timeout = timeout;
        this.client = client;
        this.bearer = bearer;
        this.tenant = tenant;
    }

    private static HttpClient newClient(Duration timeout) {
        return HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** The same server, without credentials. */
    public Http anonymous() {
        return new Http(base, timeout, client, "", tenant);
    }

    /** The same server, with {@code credential} (an access token or API key) as the bearer. */
    public Http as(String credential) {
        return new Http(base, timeout, client, credential, tenant);
    }

    /** The same server and credentials, acting in {@code tenantId} (the {@code X-Taskforge-Tenant} header). */
    public Http inTenant(String tenantId) {
        return new Http(base, timeout, client, bearer, tenantId);
    }

    /** Signs in as {@code user} and returns an access token for {@link #as}. */
    public String login(String user, String password) {
        Response r = anonymous()
                .post(
                        "/api/v1/auth/login",
                        JSON.createObjectNode()
                                .put("username", user)
                                .put("password", password)
                                .toString());
        if (r.status() != 200) {
            throw new IllegalStateException("sign-in as " + user + " failed: " + r);
        }
        return r.json().get("accessToken").asString();
    }

    /** The admin's access token on this server (signing in once). */
    public String adminToken() {
        return ADMIN_TOKENS.computeIfAbsent(base, b -> login("admin", TestData.ADMIN_PASSWORD));
    }

    public String base() {
        return base;
    }

    public Response get(String path, String... headers) {
        return send("GET", path, null, null, headers);
    }

    /** A POST without a body (and so without a Content-Type). */
    public Response post(String path) {
        return send("POST", path, null, null);
    }

    /** A POST of {@code json}; a null {@code json} sends no body and no Content-Type. */
    public Response post(String path, String json, String... headers) {
        return send("POST", path, json, json == null ? null : "application/json", headers);
    }

    public Response patch(String path, String json) {
        return send("PATCH", path, json, "application/json");
    }

    public Response delete(String path) {
        return send("DELETE", path, null, null);
    }

    /** Any request: a null {@code body} sends none, a null {@code contentType} no Content-Type header. */
    public Response send(String method, String path, String body, String contentType, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        withHeaders(b, headers);
        boolean signedInAsAdmin = credentials(b, headers);
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 401 && signedInAsAdmin && !adminToken().equals(usedToken(b))) {
                // The token was for an earlier server on this port, or expired, and another request
                // signed in again meanwhile: try once more with the new one.
                return send(method, path, body, contentType, headers);
            }
            if (r.statusCode() == 401
                    && signedInAsAdmin
                    && r.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_token")) {
                // The server refused the token itself (not the request): sign in again, once.
                ADMIN_TOKENS.remove(base);
                HttpRequest.Builder again = b.copy();
                again.setHeader("Authorization", "Bearer " + adminToken());
                HttpResponse<String> retried = client.send(again.build(), HttpResponse.BodyHandlers.ofString());
                return new Response(retried.statusCode(), retried.headers(), retried.body());
            }
            return new Response(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code GET /actuator/health} answers 200 now: false while nothing listens or answers in time. */
    public boolean healthy() {
        try {
            return anonymous().get("/actuator/health").status() == 200;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /**
     * Opens an event stream and returns once the server answered, so the stream's starting position
     * is fixed; {@link EventStream#await} then reads its events.
     */
    public EventStream open(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "text/event-stream")
                .GET();
        withHeaders(b, headers);
        credentials(b, headers);
        return new EventStream(
                client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofLines()).get(30, TimeUnit.SECONDS));
    }

    /** Reads an event stream until the server closes it, within 90 s. */
    public SseResult stream(String path, String... headers) throws Exception {
        try (EventStream stream = open(path, headers)) {
            return new SseResult(stream.status(), stream.headers(), stream.awaitEnd());
        }
    }

    private static String usedToken(HttpRequest.Builder b) {
        return b.build().headers().firstValue("Authorization").orElse("").replaceFirst("^Bearer ", "");
    }

    /** Adds the credentials and tenant of this client; true when they are the admin's cached token. */
    private boolean credentials(HttpRequest.Builder b, String[] headers) {
        if (tenant != null) {
            b.header("X-Taskforge-Tenant", tenant);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase("Authorization")) {
                return false;
            }
        }
        if (bearer == null) {
            b.header("Authorization", "Bearer " + adminToken());
            return true;
        }
        if (!bearer.isEmpty()) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return false;
    }

    private static void withHeaders(HttpRequest.Builder b, String[] headers) {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
    }

    public record Response(int status, HttpHeaders headers, String body) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** A whole event stream: the answer's status and headers, and every event until the server closed it. */
    public record SseResult(int status, HttpHeaders headers, List<SseEvent> events) {
        public List<SseEvent> named(String name) {
            return events.stream().filter(e -> e.event().equals(name)).toList();
        }
    }
}
