package io.taskforge.server.testing;

import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * An open Server-Sent Events stream ({@link Http#open}). Reads events as a browser dispatches them:
 * only those that carry data, named {@code message} unless they say otherwise.
 */
public final class EventStream implements AutoCloseable {
    private final HttpResponse<Stream<String>> response;
    private final Iterator<String> lines;
    // Synchronized: a read that timed out reports what arrived while its reader may still be adding.
    private final List<SseEvent> events = Collections.synchronizedList(new ArrayList<>());

    EventStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.lines = response.body().iterator();
    }

    public int status() {
        return response.statusCode();
    }

    public HttpHeaders headers() {
        return response.headers();
    }

    /** Reads until {@code count} events arrived in all (or the server closed the stream), within 60 s. */
    public List<SseEvent> await(int count) throws Exception {
        return read(count, Duration.ofSeconds(60));
    }

    /** Reads until the server closes the stream, within 90 s. */
    List<SseEvent> awaitEnd() throws Exception {
        return read(Integer.MAX_VALUE, Duration.ofSeconds(90));
    }

    private List<SseEvent> read(int count, Duration atMost) throws Exception {
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
            reading.get(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            String expected = count == Integer.MAX_VALUE ? "the end of the stream" : count + " events";
            throw new AssertionError(
                    "waited " + atMost + " for " + expected + "; " + events.size() + " arrived: " + events, e);
        }
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    @Override
    public void close() {
        response.body().close();
    }

    public record SseEvent(String event, String id, String data) {
        public JsonNode json() {
            return Http.JSON.readTree(data);
        }
    }
}
