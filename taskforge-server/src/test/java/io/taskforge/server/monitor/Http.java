package io.taskforge.server.monitor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP to the server under test, and a reader of Server-Sent Events with bounded waits. */
final class Http {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String base;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    record Response(int status, String contentType, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    Response get(String path, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), headers);
    }

    Response post(String path, String json) {
        return send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)),
                new String[0]);
    }

    private Response send(HttpRequest.Builder b, String[] headers) {
        b.timeout(TIMEOUT);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(
                    r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record SseEvent(String event, String id, String data) {
        JsonNode json() {
            return JSON.readTree(data);
        }
    }

    /**
     * An open event stream. {@link #open} returns once the server answered (so the stream's starting
     * position is fixed); {@link #await} then reads until enough events arrived.
     */
    static final class EventStream implements AutoCloseable {
        private final HttpResponse<Stream<String>> response;
        private final Iterator<String> lines;
        private final List<SseEvent> events = new ArrayList<>();

        private EventStream(HttpResponse<Stream<String>> response) {
            this.response = response;
            this.lines = response.body().iterator();
        }

        int status() {
            return response.statusCode();
        }

        /** Reads until {@code count} events (data-carrying, as a browser dispatches them) arrived, within 60 s. */
        List<SseEvent> await(int count) throws Exception {
            CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
                String event = null;
                String id = null;
                StringBuilder data = null;
                while (events.size() < count && lines.hasNext()) {
                    String line = lines.next();
                    if (line.isEmpty()) {
                        if (data != null) {
                            events.add(new SseEvent(event == null ? "message" : event, id, data.toString()));
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
            });
            try {
                reading.get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("only " + events.size() + " of " + count + " events arrived: " + events, e);
            }
            return List.copyOf(events);
        }

        @Override
        public void close() {
            response.body().close();
        }
    }

    EventStream open(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "text/event-stream")
                .GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return new EventStream(
                client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofLines()).get(30, TimeUnit.SECONDS));
    }
}
