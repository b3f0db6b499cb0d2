package io.taskforge.server.cli.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One open Server-Sent Events response, read on a virtual thread so the caller can wait with a
 * time limit: a stream that goes quiet (no event and no keep-alive comment) is noticed and
 * reconnected instead of hanging the command. Closing it closes the response and stops the reader.
 */
final class SseConnection implements AutoCloseable {
    sealed interface Item permits Event, Ping, Closed {}

    /** One event: its name ({@code message} when unnamed), its id (or null) and its data. */
    record Event(String name, String id, String data) implements Item {}

    /** A comment or a field without data: the stream is alive. */
    record Ping() implements Item {}

    /** The server ended the stream, or the connection broke ({@code error} not null). */
    record Closed(IOException error) implements Item {}

    private final InputStream body;
    private final BlockingQueue<Item> items = new LinkedBlockingQueue<>();
    private final Thread reader;

    SseConnection(InputStream body) {
        this.body = body;
        this.reader = Thread.ofVirtual().name("taskforge-cli-sse").start(this::read);
    }

    /** The next item, or null when none arrived within {@code wait}. */
    Item next(Duration wait) throws InterruptedException {
        return items.poll(Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS);
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String event = null;
            String id = null;
            StringBuilder data = null;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    items.add(
                            data == null
                                    ? new Ping()
                                    : new Event(event == null ? "message" : event, id, data.toString()));
                    event = null;
                    id = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    items.add(new Ping());
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1);
                    if (value.startsWith(" ")) {
                        value = value.substring(1);
                    }
                    switch (field) {
                        case "event" -> event = value;
                        case "id" -> id = value;
                        case "data" ->
                            data = data == null
                                    ? new StringBuilder(value)
                                    : data.append('\n').append(value);
                        default -> {
                            // "retry" and unknown fields: nothing to do
                        }
                    }
                }
            }
            items.add(new Closed(null));
        } catch (IOException e) {
            items.add(new Closed(e));
        }
    }

    @Override
    public void close() {
        reader.interrupt();
        try {
            body.close();
        } catch (IOException e) {
            // closing a broken stream: nothing more to read from it anyway
        }
    }
}
