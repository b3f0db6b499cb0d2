package io.taskforge.server.cli.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST API of one server, as the command line uses it: JSON in and out over {@code
 * java.net.http}, and every way a call can go wrong turned into a {@link CliException} with the
 * right exit code. An unreachable server is one line that names it; a refusal prints the problem's
 * title, detail and field errors.
 */
final class ApiClient {
    static final String API = "/api/v1";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** An error body longer than this is not a problem document; only its start is shown. */
    private static final int MAX_ERROR_BODY = 64 * 1024;

    /** Refresh a stored session this long before its access token expires. */
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);

    private final String base;
    private final JsonMapper json;
    private final HttpClient http;
    /** An API key or access token given with --token or TASKFORGE_TOKEN; null: the stored session. */
    private final String token;
    /** Where {@code taskforge login} keeps sessions; null: none is used. */
    private final Credentials credentials;

    private final String tenant;

    ApiClient(String base, JsonMapper json) {
        this(base, json, null, null, null);
    }

    ApiClient(String base, JsonMapper json, String token, Credentials credentials, String tenant) {
        this.base = base;
        this.json = json;
        this.token = token;
        this.credentials = credentials;
        this.tenant = tenant;
        this.http = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** The server URL without a trailing slash; refuses anything but http(s)://host[:port][/path]. */
    static String checkServer(String server) {
        String s = server == null ? "" : server.strip();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        try {
            URI uri = new URI(s);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https"))
                    && uri.getHost() != null
                    && uri.getQuery() == null
                    && uri.getFragment() == null) {
                return s;
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        throw CliException.usage(
                "--server must be an http:// or https:// URL such as http://127.0.0.1:8080, was '" + server + "'");
    }

    String base() {
        return base;
    }

    JsonMapper json() {
        return json;
    }

    JsonNode get(String path) {
        return send("GET", path, null, Map.of());
    }

    JsonNode post(String path, JsonNode body) {
        return send("POST", path, body, Map.of());
    }

    JsonNode post(String path, JsonNode body, Map<String, String> headers) {
        return send("POST", path, body, headers);
    }

    JsonNode patch(String path, JsonNode body) {
        return send("PATCH", path, body, Map.of());
    }

    /** Null for 204 No Content. */
    JsonNode delete(String path) {
        return send("DELETE", path, null, Map.of());
    }

    /** Sends a request to {@code /api/v1 + path}; the answer's JSON, or null when it has no body. */
    JsonNode send(String method, String path, JsonNode body, Map<String, String> headers) {
        return send(method, path, body == null ? null : json.writeValueAsString(body), "application/json", headers);
    }

    /** A POST of text in another media type than JSON (a YAML pipeline definition). */
    JsonNode postText(String path, String text, String contentType) {
        return send("POST", path, text, contentType, Map.of());
    }

    private JsonNode send(
            String method, String path, String bodyText, String contentType, Map<String, String> headers) {
        HttpResponse<String> r = exchange(method, path, bodyText, contentType, headers, session(false));
        if (r.statusCode() == 401 && token == null && credentials != null && session(true) != null) {
            r = exchange(method, path, bodyText, contentType, headers, session(false));
        }
        if (r.statusCode() == 401) {
            throw notSignedIn(r.body());
        }
        if (r.statusCode() >= 400) {
            throw refused(r.statusCode(), r.body());
        }
        String text = r.body();
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JacksonException e) {
            throw new CliException(
                    ExitCodes.API_ERROR,
                    "the answer from " + base + " is not JSON; is that a Taskforge server? (HTTP " + r.statusCode()
                            + ": " + firstLine(text) + ")");
        }
    }

    /**
     * The bearer credential to send: the explicit token, else the stored session's access token,
     * refreshed first when it is about to expire or when {@code renew} says the server refused it.
     * Null when there is none (the server will answer 401).
     */
    private String session(boolean renew) {
        if (token != null) {
            return token;
        }
        if (credentials == null) {
            return null;
        }
        Credentials.Session s = credentials.get(base).orElse(null);
        if (s == null) {
            return null;
        }
        if (renew || Instant.now().plus(EXPIRY_MARGIN).isAfter(s.expiresAt())) {
            s = refresh(s);
        }
        return s == null ? null : s.accessToken();
    }

    /** Exchanges the session's refresh token for new tokens and stores them; null when it is no longer valid. */
    private Credentials.Session refresh(Credentials.Session s) {
        if (s.refreshToken() == null) {
            return null;
        }
        String body = json.writeValueAsString(json.createObjectNode().put("refreshToken", s.refreshToken()));
        HttpResponse<String> r = exchange("POST", "/auth/refresh", body, "application/json", Map.of(), null);
        if (r.statusCode() != 200) {
            credentials.remove(base);
            return null;
        }
        JsonNode t = json.readTree(r.body());
        Credentials.Session next = new Credentials.Session(
                s.user(),
                Json.text(t, "accessToken"),
                Instant.parse(Json.text(t, "expiresAt")),
                Json.text(t, "refreshToken"),
                s.tenant());
        credentials.put(base, next);
        return next;
    }

    /** The tenant to act in: --tenant, else the one stored with the session. */
    private String tenant() {
        if (tenant != null || token != null || credentials == null) {
            return tenant;
        }
        return credentials.get(base).map(Credentials.Session::tenant).orElse(null);
    }

    private CliException notSignedIn(String body) {
        String why = problemText(401, body);
        String how = token != null
                ? "check the token given with --token or TASKFORGE_TOKEN"
                : "run 'taskforge login --server " + base + "', or set TASKFORGE_TOKEN to an API key";
        return new CliException(ExitCodes.API_ERROR, why + "\n  " + how, 401);
    }

    private HttpResponse<String> exchange(
            String method,
            String path,
            String bodyText,
            String contentType,
            Map<String, String> headers,
            String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json, application/problem+json")
                .method(
                        method,
                        bodyText == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(bodyText, StandardCharsets.UTF_8));
        if (bodyText != null) {
            b.header("Content-Type", contentType);
        }
        authorize(b, bearer);
        headers.forEach(b::header);
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.UNREACHABLE, "interrupted while waiting for the server");
        }
    }

    private void authorize(HttpRequest.Builder b, String bearer) {
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
            String t = tenant();
            if (t != null) {
                b.header("X-Taskforge-Tenant", t);
            }
        }
    }

    /**
     * Opens a Server-Sent Events stream; the caller reads and closes its body. A refusal (404, 503,
     * ...) is thrown like any other; {@code 503} keeps its status so a follower can fall back to
     * polling.
     */
    HttpResponse<InputStream> openEventStream(String path, long lastEventId) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .header("Accept", "text/event-stream")
                .GET();
        if (lastEventId > 0) {
            b.header("Last-Event-ID", Long.toString(lastEventId));
        }
        authorize(b, session(false));
        HttpResponse<InputStream> r;
        try {
            // No request timeout: it could cut a healthy stream. The headers must come within this.
            r = http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofInputStream())
                    .get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw unreachable(cause instanceof IOException io ? io : new IOException(cause));
        } catch (TimeoutException e) {
            throw unreachable(new HttpTimeoutException("no answer within " + REQUEST_TIMEOUT.toSeconds() + "s"));
        } catch (CancellationException e) {
            throw unreachable(new IOException("cancelled"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.UNREACHABLE, "interrupted while waiting for the server");
        }
        if (r.statusCode() >= 400) {
            String text;
            try (InputStream in = r.body()) {
                text = new String(in.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
            } catch (IOException e) {
                text = "";
            }
            throw r.statusCode() == 401 ? notSignedIn(text) : refused(r.statusCode(), text);
        }
        return r;
    }

    private URI uri(String path) {
        return URI.create(base + API + path);
    }

    CliException unreachable(IOException e) {
        return new CliException(
                ExitCodes.UNREACHABLE,
                "cannot reach the server at " + base + ": " + reason(e) + " — is 'taskforge server' running?");
    }

    /** Why a connection failed, in the words people use; the JDK often leaves the message empty. */
    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException) {
                return "connection timed out";
            }
            if (t instanceof HttpTimeoutException) {
                return "no answer in time";
            }
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return "unknown host";
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (t instanceof ConnectException) {
                return t.getMessage() == null || t.getMessage().isBlank()
                        ? "connection refused"
                        : t.getMessage().toLowerCase(Locale.ROOT);
            }
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** A 4xx or 5xx: the problem's title, detail and field errors, or the start of whatever came. */
    CliException refused(int status, String body) {
        return new CliException(ExitCodes.API_ERROR, problemText(status, body), status);
    }

    String problemText(int status, String body) {
        JsonNode problem = null;
        try {
            problem = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JacksonException e) {
            // not JSON: shown as text below
        }
        if (problem == null || !problem.isObject()) {
            String text = body == null || body.isBlank() ? "" : ": " + firstLine(body);
            return "the server answered HTTP " + status + text;
        }
        String title = Json.text(problem, "title");
        String detail = Json.text(problem, "detail");
        StringBuilder s = new StringBuilder(title == null ? "HTTP " + status : title + " (HTTP " + status + ")");
        if (detail != null && !detail.equals(title)) {
            s.append(": ").append(detail);
        }
        JsonNode errors = problem.path("errors");
        if (errors.isArray() && errors.size() > 1) {
            for (JsonNode error : errors) {
                s.append("\n  ").append(Json.text(error, "field")).append(": ").append(Json.text(error, "message"));
            }
        }
        return s.toString();
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    /** One path segment, percent-encoded: tag names may hold spaces and slashes. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code ?a=1&b=2} of the non-null pairs (name, value, name, value, ...); empty when none. */
    static String query(List<String> pairs) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            String value = pairs.get(i + 1);
            if (value != null) {
                parts.add(URLEncoder.encode(pairs.get(i), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }
}
