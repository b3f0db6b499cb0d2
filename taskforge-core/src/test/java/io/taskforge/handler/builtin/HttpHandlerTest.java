package io.taskforge.handler.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.taskforge.handler.NonRetryableException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Against a real HTTP server on a random loopback port. */
class HttpHandlerTest {
    private static final Duration WITHIN = Duration.ofSeconds(10);

    /** What the server saw of one request. */
    record Received(String method, String path, String contentType, String body) {}

    private final HttpHandler http = new HttpHandler(TestTaskContext.JSON);
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    /** Held by the slow endpoint; released after each test so the server can stop. */
    private final CountDownLatch release = new CountDownLatch(1);

    private ExecutorService executor;
    private HttpServer server;
    private String base;

    @BeforeEach
    void startServer() throws IOException {
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/json", exchange -> {
            record(exchange);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("X-Twice", "a");
            exchange.getResponseHeaders().add("X-Twice", "b");
            respond(exchange, 200, "{\"hello\":\"world\"}");
        });
        server.createContext("/echo", exchange -> {
            Received r = record(exchange);
            respond(exchange, 201, r.body());
        });
        server.createContext("/missing", exchange -> respond(exchange, 404, "no such thing"));
        server.createContext("/unavailable", exchange -> respond(exchange, 503, "come back later"));
        server.createContext("/busy", exchange -> respond(exchange, 429, "slow down"));
        server.createContext("/slow", exchange -> {
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "finally");
        });
        server.createContext("/big", exchange -> {
            int size = Integer.parseInt(exchange.getRequestURI().getQuery());
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'b');
            exchange.sendResponseHeaders(200, size);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int sent = 0; sent < size; sent += chunk.length) {
                    out.write(chunk, 0, Math.min(chunk.length, size - sent));
                }
            } catch (IOException e) {
                // The client hung up after the part it wanted: expected.
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    @Test
    void gets_json_and_returns_status_headers_and_body() throws Throwable {
        Object result = run(Map.of("method", "GET", "url", base + "/json"));

        HttpHandler.Result r = (HttpHandler.Result) result;
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"hello\":\"world\"}");
        assertThat(r.bodyTruncated()).isFalse();
        assertThat(r.headers())
                .containsEntry("content-type", "application/json")
                .containsEntry("x-twice", List.of("a", "b"));
        assertThat(TestTaskContext.JSON.write(result))
                .startsWith("{\"status\":200,\"headers\":{")
                .endsWith("\"body\":\"{\\\"hello\\\":\\\"world\\\"}\",\"bodyTruncated\":false}");
        assertThat(received.poll()).isEqualTo(new Received("GET", "/json", null, ""));
    }

    @Test
    void uses_get_when_no_method_is_given() throws Throwable {
        run(Map.of("url", base + "/json"));

        assertThat(received.poll()).extracting(Received::method).isEqualTo("GET");
    }

    @Test
    void posts_an_object_body_as_json_with_its_content_type() throws Throwable {
        Map<String, Object> body = Map.of("name", "report", "pages", List.of(1, 2));

        HttpHandler.Result r = (HttpHandler.Result) run(Map.of("method", "post", "url", base + "/echo", "body", body));

        Received request = received.poll();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(TestTaskContext.JSON.read(request.body(), Map.class)).isEqualTo(body);
        assertThat(r.status()).isEqualTo(201);
    }

    @Test
    void keeps_the_content_type_the_headers_give() throws Throwable {
        run(Map.of(
                "method",
                "PUT",
                "url",
                base + "/echo",
                "headers",
                Map.of("content-type", "application/vnd.report+json"),
                "body",
                List.of(1, 2, 3)));

        Received request = received.poll();
        assertThat(request.contentType()).isEqualTo("application/vnd.report+json");
        assertThat(request.body()).isEqualTo("[1,2,3]");
    }

    @Test
    void sends_a_string_body_as_it_is() throws Throwable {
        run(Map.of(
                "method",
                "POST",
                "url",
                base + "/echo",
                "headers",
                Map.of("Content-Type", "text/csv"),
                "body",
                "a,b\n1,\"2\"\n"));

        assertThat(received.poll()).isEqualTo(new Received("POST", "/echo", "text/csv", "a,b\n1,\"2\"\n"));
    }

    @Test
    void fails_without_retry_on_404() {
        assertThatThrownBy(() -> run(Map.of("url", base + "/missing?token=secret")))
                .isInstanceOf(NonRetryableException.class)
                .hasMessage("HTTP 404 from GET " + base + "/missing: no such thing");
    }

    @Test
    void fails_retryably_on_503() {
        assertThatThrownBy(() -> run(Map.of("url", base + "/unavailable")))
                .isInstanceOfSatisfying(
                        HttpStatusException.class, e -> assertThat(e.status()).isEqualTo(503))
                .hasMessageContaining("come back later");
    }

    @Test
    void fails_retryably_on_429_too_many_requests() {
        assertThatThrownBy(() -> run(Map.of("url", base + "/busy")))
                .isInstanceOfSatisfying(
                        HttpStatusException.class, e -> assertThat(e.status()).isEqualTo(429));
    }

    @Test
    void fails_without_retry_when_the_status_is_not_the_expected_one() {
        assertThatThrownBy(() -> run(Map.of("url", base + "/json", "expectStatus", 204)))
                .isInstanceOf(NonRetryableException.class)
                .hasMessageStartingWith("HTTP 200 from GET " + base + "/json (expected 204)");
    }

    @Test
    void succeeds_on_the_expected_status_even_when_it_is_not_2xx() throws Throwable {
        HttpHandler.Result r = (HttpHandler.Result) run(Map.of("url", base + "/missing", "expectStatus", 404));

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("no such thing");
    }

    @Test
    void fails_retryably_when_the_server_is_slower_than_the_timeout() {
        assertThatThrownBy(() -> run(Map.of("url", base + "/slow", "timeoutSeconds", 1)))
                .isInstanceOf(HttpTimeoutException.class)
                .hasMessageContaining("within 1 s");
    }

    @Test
    void fails_retryably_when_nothing_listens() throws Exception {
        String closed;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = "http://127.0.0.1:" + socket.getLocalPort() + "/";
        }

        assertThatThrownBy(() -> run(Map.of("url", closed)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("could not connect");
    }

    @Test
    void stops_waiting_for_the_response_when_interrupted() {
        HandlerRun run = HandlerRun.start(http, ctx(Map.of("url", base + "/slow", "timeoutSeconds", 3600)));

        run.stop();

        assertThatThrownBy(() -> run.result(WITHIN)).isInstanceOf(InterruptedException.class);
    }

    @Test
    void keeps_the_first_mebibyte_of_a_larger_response() throws Throwable {
        HttpHandler.Result r = (HttpHandler.Result) run(Map.of("url", base + "/big?" + 3 * 1024 * 1024));

        assertThat(r.bodyTruncated()).isTrue();
        assertThat(r.body()).hasSize(HttpHandler.MAX_BODY_BYTES);
        assertThat(r.body().chars()).allMatch(c -> c == 'b');
    }

    @Test
    void keeps_a_response_of_exactly_one_mebibyte_whole() throws Throwable {
        HttpHandler.Result r = (HttpHandler.Result) run(Map.of("url", base + "/big?" + HttpHandler.MAX_BODY_BYTES));

        assertThat(r.bodyTruncated()).isFalse();
        assertThat(r.body()).hasSize(HttpHandler.MAX_BODY_BYTES);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "null",
                "{}",
                "{\"url\": \"\"}",
                "{\"url\": \"ftp://127.0.0.1/file\"}",
                "{\"url\": \"mailto:ops@example.com\"}",
                "{\"url\": \"http://\"}",
                "{\"url\": \"http://exa mple.com/\"}",
                "{\"url\": \"http://127.0.0.1/\", \"method\": \"BREW\"}",
                "{\"url\": \"http://127.0.0.1/\", \"method\": \"CONNECT\"}",
                "{\"url\": \"http://127.0.0.1/\", \"timeoutSeconds\": 0}",
                "{\"url\": \"http://127.0.0.1/\", \"timeoutSeconds\": 3601}",
                "{\"url\": \"http://127.0.0.1/\", \"expectStatus\": 99}",
                "{\"url\": \"http://127.0.0.1/\", \"headers\": {\"Host\": \"elsewhere\"}}",
                "{\"url\": \"http://127.0.0.1/\", \"headers\": {\"Bad Name\": \"x\"}}",
                "{\"url\": \"http://127.0.0.1/\", \"headers\": {\"X-Empty\": null}}",
                "{\"url\": \"http://127.0.0.1/\", \"headers\": [\"X-List: 1\"]}"
            })
    void rejects_a_payload_that_cannot_make_a_request(String payload) {
        assertThatThrownBy(() -> HandlerRun.runToEnd(http, TestTaskContext.withPayloadJson("http", payload)))
                .isInstanceOf(NonRetryableException.class);
    }

    private Object run(Map<String, ?> payload) throws Throwable {
        return HandlerRun.start(http, ctx(payload)).result(WITHIN);
    }

    private static TestTaskContext ctx(Map<String, ?> payload) {
        return TestTaskContext.withPayload("http", new HashMap<>(payload));
    }

    private Received record(HttpExchange exchange) throws IOException {
        Received r = new Received(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        received.add(r);
        return r;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
