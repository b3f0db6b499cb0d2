package io.taskforge.handler.builtin;

import io.taskforge.handler.NonRetryableException;
import io.taskforge.handler.TaskContext;
import io.taskforge.handler.TaskHandler;
import io.taskforge.json.JsonCodec;
import io.taskforge.json.JsonException;
import io.taskforge.task.Texts;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Type {@code http}: makes one HTTP request and returns the response.
 *
 * <pre>
 * payload: {"method": "POST", "url": "https://example.com/hook", "headers": {"Authorization": "..."},
 *           "body": {"any": "JSON"}, "expectStatus": 202, "timeoutSeconds": 30}
 * result:  {"status": 202, "headers": {"content-type": "text/plain", "set-cookie": ["a=1", "b=2"]},
 *           "body": "...", "bodyTruncated": false}
 * </pre>
 *
 * <p>Only {@code url} (http or https) is required. {@code method} defaults to GET (one of GET,
 * HEAD, POST, PUT, PATCH, DELETE, OPTIONS). A string {@code body} is sent as it is; any other JSON
 * value is sent as JSON, with {@code Content-Type: application/json} unless {@code headers} set
 * one. {@code timeoutSeconds} (1..3600, default 30) bounds the whole exchange, body included.
 *
 * <p>The result's {@code headers} map a name to its value, or to a list when the header came
 * more than once; {@code body} is the response text, at most 1 MiB of it ({@code
 * bodyTruncated} says whether there was more, which was not read).
 *
 * <p>Success is {@code expectStatus} when given, any 2xx otherwise. Failures that may pass are
 * retried: 5xx, 408 and 429 ({@link HttpStatusException}), timeouts and connection errors
 * ({@link IOException}). Other statuses (4xx, or not the expected one) and bad payloads fail at
 * once ({@link NonRetryableException}). An interrupt (timeout, cancel) aborts the request.
 *
 * <p>Redirects are followed, except from https to http. Error messages name the URL without its
 * query and user info, which often carry credentials.
 */
public final class HttpHandler implements TaskHandler {

    public static final String TYPE = "http";

    /** The most of a response body kept in the result (1 MiB). */
    public static final int MAX_BODY_BYTES = 1 << 20;

    public static final int DEFAULT_TIMEOUT_SECONDS = 30;
    public static final int MAX_TIMEOUT_SECONDS = 3_600;

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    /** How much of an error response's body an error message quotes. */
    private static final int ERROR_BODY_CHARS = 500;

    /** {@code body} is a string (sent as is) or any other JSON value (sent as JSON). */
    public record Payload(
            String method,
            String url,
            Map<String, String> headers,
            Object body,
            Integer expectStatus,
            Integer timeoutSeconds) {}

    /** {@code headers} values are a string, or a list of strings for a repeated header. */
    public record Result(int status, Map<String, Object> headers, String body, boolean bodyTruncated) {}

    private final JsonCodec json;
    private final HttpClient client;

    /** With a client of its own: redirects followed (never https to http), 10 s to connect. */
    public HttpHandler(JsonCodec json) {
        this(
                json,
                HttpClient.newBuilder()
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .connectTimeout(Duration.ofSeconds(10))
                        .build());
    }

    public HttpHandler(JsonCodec json, HttpClient client) {
        this.json = Objects.requireNonNull(json, "json");
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Object handle(TaskContext ctx) throws Exception {
        Payload payload =
                Payloads.read(ctx, Payload.class, TYPE, "{\"method\": \"GET\", \"url\": \"https://example.com/\"}");
        Call call = call(payload);

        CompletableFuture<HttpResponse<CappedBodySubscriber.Body>> future = client.sendAsync(
                call.request(), info -> new CappedBodySubscriber(MAX_BODY_BYTES, charset(info.headers())));
        HttpResponse<CappedBodySubscriber.Body> response;
        try {
            // The request's own timeout ends at the response headers; this one covers the body too.
            response = future.get(call.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            future.cancel(true); // aborts the exchange and closes its connection
            throw e;
        } catch (TimeoutException e) {
            future.cancel(true);
            throw timeout(call);
        } catch (ExecutionException e) {
            throw failure(call, e.getCause());
        }
        return judge(call, response);
    }

    /** A checked, ready request. */
    private record Call(HttpRequest request, String description, Integer expectStatus, Duration timeout) {}

    private Call call(Payload payload) throws NonRetryableException {
        String method = payload.method() == null ? "GET" : payload.method().toUpperCase(Locale.ROOT);
        Payloads.check(
                METHODS.contains(method),
                "http \"method\" must be one of " + METHODS + ", was \"" + payload.method() + "\"");

        Payloads.check(
                payload.url() != null && !payload.url().isBlank(),
                "http payload needs a \"url\", like {\"url\": \"https://example.com/\"}");
        URI uri;
        try {
            uri = new URI(payload.url());
        } catch (URISyntaxException e) {
            throw new NonRetryableException("http \"url\" is not a valid URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        Payloads.check(
                scheme.equals("http") || scheme.equals("https"),
                "http \"url\" must be an http or https URL, was " + redact(uri));
        Payloads.check(uri.getHost() != null, "http \"url\" has no host: " + redact(uri));

        int timeoutSeconds = payload.timeoutSeconds() == null ? DEFAULT_TIMEOUT_SECONDS : payload.timeoutSeconds();
        Payloads.check(
                timeoutSeconds >= 1 && timeoutSeconds <= MAX_TIMEOUT_SECONDS,
                "http \"timeoutSeconds\" must be 1.." + MAX_TIMEOUT_SECONDS + ", was " + timeoutSeconds);
        Integer expect = payload.expectStatus();
        Payloads.check(
                expect == null || (expect >= 100 && expect <= 599),
                "http \"expectStatus\" must be 100..599, was " + expect);

        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(uri).timeout(timeout);
        } catch (IllegalArgumentException e) {
            throw new NonRetryableException("http \"url\" cannot be requested: " + e.getMessage());
        }
        if (scheme.equals("http")) {
            // Plain http would otherwise offer an h2c upgrade with every request, which some
            // servers and proxies refuse; https negotiates HTTP/2 safely through TLS.
            builder.version(HttpClient.Version.HTTP_1_1);
        }

        boolean hasContentType = false;
        if (payload.headers() != null) {
            for (Map.Entry<String, String> header : payload.headers().entrySet()) {
                String name = header.getKey();
                Payloads.check(header.getValue() != null, "http header \"" + name + "\" has no value");
                try {
                    builder.header(name, header.getValue());
                } catch (IllegalArgumentException e) {
                    // Invalid characters, or one the client sets itself (Host, Content-Length, ...).
                    throw new NonRetryableException("http header \"" + name + "\" cannot be sent: " + e.getMessage());
                }
                hasContentType |= name.equalsIgnoreCase("Content-Type");
            }
        }

        Object body = payload.body();
        HttpRequest.BodyPublisher publisher;
        if (body == null) {
            publisher = HttpRequest.BodyPublishers.noBody();
        } else if (body instanceof String text) {
            publisher = HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8);
        } else {
            String encoded;
            try {
                encoded = json.write(body);
            } catch (JsonException e) {
                throw new NonRetryableException("http \"body\" cannot be written as JSON: " + e.getMessage(), e);
            }
            publisher = HttpRequest.BodyPublishers.ofString(encoded, StandardCharsets.UTF_8);
            if (!hasContentType) {
                builder.header("Content-Type", "application/json");
            }
        }
        builder.method(method, publisher);
        return new Call(builder.build(), method + " " + redact(uri), expect, timeout);
    }

    private static Object judge(Call call, HttpResponse<CappedBodySubscriber.Body> response)
            throws HttpStatusException, NonRetryableException {
        int status = response.statusCode();
        CappedBodySubscriber.Body body = response.body();
        boolean wanted = call.expectStatus() != null ? status == call.expectStatus() : status / 100 == 2;
        if (wanted) {
            return new Result(status, headers(response.headers()), body.text(), body.truncated());
        }
        String message = "HTTP " + status + " from " + call.description()
                + (call.expectStatus() != null ? " (expected " + call.expectStatus() + ")" : "")
                + (body.text().isBlank()
                        ? ""
                        : ": " + Texts.truncate(body.text().strip(), ERROR_BODY_CHARS));
        if (status >= 500 || status == 408 || status == 429) {
            throw new HttpStatusException(status, message);
        }
        throw new NonRetryableException(message);
    }

    private static Map<String, Object> headers(HttpHeaders headers) {
        Map<String, Object> map = new LinkedHashMap<>();
        headers.map().forEach((name, values) -> map.put(name, values.size() == 1 ? values.getFirst() : values));
        return map;
    }

    private static Charset charset(HttpHeaders headers) {
        String contentType = headers.firstValue("Content-Type").orElse("");
        for (String param : contentType.split(";")) {
            String p = param.strip();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                String name = p.substring(8).replace("\"", "").strip();
                try {
                    return Charset.forName(name);
                } catch (IllegalArgumentException e) { // illegal or unsupported name
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static HttpTimeoutException timeout(Call call) {
        return new HttpTimeoutException(call.description() + " got no complete response within "
                + call.timeout().toSeconds() + " s");
    }

    /** Retryable unless the request itself was refused by the client. */
    private static Exception failure(Call call, Throwable cause) {
        if (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof HttpTimeoutException) {
            HttpTimeoutException e = timeout(call);
            e.initCause(cause);
            return e;
        }
        if (cause instanceof ConnectException) {
            return new IOException(call.description() + " could not connect: " + describe(cause), cause);
        }
        if (cause instanceof IllegalArgumentException) {
            return new NonRetryableException(call.description() + " cannot be sent: " + describe(cause), cause);
        }
        return new IOException(call.description() + " failed: " + describe(cause), cause);
    }

    private static String describe(Throwable t) {
        // The client's ConnectException often has no message of its own.
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    /** scheme://host:port/path: the query and user info often carry credentials. */
    private static String redact(URI uri) {
        if (uri.isOpaque()) {
            return uri.getScheme() + ":…";
        }
        StringBuilder s = new StringBuilder();
        if (uri.getScheme() != null) {
            s.append(uri.getScheme()).append("://");
        }
        if (uri.getHost() != null) {
            s.append(uri.getHost());
            if (uri.getPort() != -1) {
                s.append(':').append(uri.getPort());
            }
        }
        if (uri.getRawPath() != null) {
            s.append(uri.getRawPath());
        }
        return s.toString();
    }
}
