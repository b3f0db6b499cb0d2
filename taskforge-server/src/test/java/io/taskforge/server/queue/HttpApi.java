package io.taskforge.server.queue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP requests to the server under test, on its random port. */
final class HttpApi {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String base;
    private final HttpClient http;

    HttpApi(int port) {
        this.base = "http://127.0.0.1:" + port;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    Response get(String path) {
        return send("GET", path, null, null);
    }

    Response post(String path, String json) {
        return send("POST", path, json, json == null ? null : "application/json");
    }

    Response patch(String path, String json) {
        return send("PATCH", path, json, "application/json");
    }

    Response send(String method, String path, String body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(TIMEOUT)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Response(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
