package io.taskforge.server.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the API tests: real requests to the server on its random port. */
final class Api {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String base;
    private final HttpClient http;

    Api(int port) {
        this.base = "http://127.0.0.1:" + port;
        this.http = HttpClient.newBuilder()
                .connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    String base() {
        return base;
    }

    Response get(String path) {
        return send("GET", path, null, null);
    }

    Response post(String path, String json, String... headers) {
        return send("POST", path, json, "application/json", headers);
    }

    Response post(String path) {
        return send("POST", path, null, null);
    }

    Response patch(String path, String json) {
        return send("PATCH", path, json, "application/json");
    }

    Response delete(String path) {
        return send("DELETE", path, null, null);
    }

    Response send(String method, String path, String body, String contentType, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(TIMEOUT)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
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

    /**
     * Reads a Server-Sent Events stream until the server closes it (or {@code stopAfter} events
     * arrived), within a bounded time.
     */
    SseResult stream(String path, int stopAfter, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "text/event-stream")
                .GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<Stream<String>> response =
                http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofLines()).get(30, TimeUnit.SECONDS);
        List<SseEvent> events = new ArrayList<>();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            try (Stream<String> lines = response.body()) {
                String event = null;
                String id = null;
                StringBuilder data = null;
                var it = lines.iterator();
                while (it.hasNext()) {
                    String line = it.next();
                    if (line.isEmpty()) {
                        if (data != null) {
                            synchronized (events) {
                                events.add(new SseEvent(event == null ? "message" : event, id, data.toString()));
                                if (events.size() >= stopAfter) {
                                    return;
                                }
                            }
                        }
                        event = null;
                        id = null;
                        data = null;
                    } else if (line.startsWith("event:")) {
                        event = line.substring(6).strip();
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).strip();
                    } else if (line.startsWith("data:")) {
                        String d = line.substring(5);
                        d = d.startsWith(" ") ? d.substring(1) : d;
                        data = data == null
                                ? new StringBuilder(d)
                                : data.append('\n').append(d);
                    }
                }
            }
        });
        reading.get(90, TimeUnit.SECONDS);
        synchronized (events) {
            return new SseResult(response.statusCode(), response.headers(), List.copyOf(events));
        }
    }

    record SseEvent(String event, String id, String data) {
        JsonNode json() {
            return JSON.readTree(data);
        }
    }

    record SseResult(int status, HttpHeaders headers, List<SseEvent> events) {
        List<SseEvent> named(String name) {
            return events.stream().filter(e -> e.event().equals(name)).toList();
        }
    }

    record Response(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
