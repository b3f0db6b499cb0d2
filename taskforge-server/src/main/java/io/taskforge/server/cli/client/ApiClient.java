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

    private final String base;
    private final JsonMapper json;
    private final HttpClient http;

    ApiClient(String base, JsonMapper json) {
        this.base = base;
        this.json = json;
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
        headers.forEach(b::header);
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.UNREACHABLE, "interrupted while waiting for the server");
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
            throw refused(r.statusCode(), text);
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
