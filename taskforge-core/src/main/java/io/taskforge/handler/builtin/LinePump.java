package io.taskforge.handler.builtin;

import io.taskforge.task.TaskLogLine;
import io.taskforge.task.Texts;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one output stream of a process on its own virtual thread and hands it on line by line
 * as the lines arrive, keeping the last few lines for an error message.
 *
 * <p>Lines end at {@code \n}, {@code \r\n} or a lone {@code \r} (as {@link
 * java.io.BufferedReader#readLine} has it), are decoded as UTF-8 (malformed bytes become U+FFFD)
 * and are cut at {@link TaskLogLine#MAX_LINE_CHARS}. The pump never holds more than one cut line
 * in memory, so a process that writes gigabytes without a newline cannot exhaust the heap.
 *
 * <p>The pump reads until end of stream even after {@link #close()} or a failing sink: a process
 * whose pipe is not drained blocks once the pipe buffer (64 KiB on Linux) is full.
 */
final class LinePump {
    private static final Logger log = LoggerFactory.getLogger(LinePump.class);

    private final Consumer<String> sink;
    private final Tail tail;
    private final Thread thread;
    private volatile boolean closed;

    private LinePump(InputStream in, String name, Consumer<String> sink, Tail tail) {
        this.sink = sink;
        this.tail = tail;
        this.thread = Thread.ofVirtual().name(name).unstarted(() -> run(in));
    }

    /**
     * Starts pumping {@code in} into {@code sink}, remembering the last {@code tailLines} lines
     * (at most {@code tailChars} characters together).
     */
    static LinePump start(InputStream in, String threadName, Consumer<String> sink, int tailLines, int tailChars) {
        LinePump pump = new LinePump(in, threadName, sink, new Tail(tailLines, tailChars));
        pump.thread.start();
        return pump;
    }

    /**
     * Waits until the stream has ended and every line is delivered, at most {@code bound}.
     * Interrupts do not cut the wait short; they are kept for the caller.
     *
     * @return false if the stream is still open: some process still holds the other end
     */
    boolean awaitEnd(Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        boolean interrupted = false;
        try {
            while (thread.isAlive()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    thread.join(Duration.ofNanos(left));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            return true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops delivering lines; the stream is still read (and discarded) until it ends. */
    void close() {
        closed = true;
    }

    /** The last lines read, oldest first. */
    List<String> tail() {
        return tail.lines();
    }

    private void run(InputStream in) {
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            pump(reader);
        } catch (IOException e) {
            // The stream was closed under us (the process was destroyed): nothing more to read.
            log.debug("stopped reading process output: {}", e.toString());
        }
    }

    private void pump(Reader reader) throws IOException {
        char[] buf = new char[8192];
        // One character more than the limit, so that a cut line can be told from a full one.
        StringBuilder line = new StringBuilder();
        boolean afterCr = false;
        boolean pending = false;
        int n;
        while ((n = reader.read(buf)) != -1) {
            for (int i = 0; i < n; i++) {
                char c = buf[i];
                if (c == '\n' && afterCr) {
                    afterCr = false; // the second half of \r\n
                    continue;
                }
                afterCr = c == '\r';
                if (c == '\n' || c == '\r') {
                    emit(line);
                    pending = false;
                } else {
                    if (line.length() <= TaskLogLine.MAX_LINE_CHARS) {
                        line.append(c);
                    }
                    pending = true;
                }
            }
        }
        if (pending) {
            emit(line); // the last line had no line break
        }
    }

    private void emit(StringBuilder line) {
        String text = Texts.truncate(line.toString(), TaskLogLine.MAX_LINE_CHARS);
        line.setLength(0);
        tail.add(text);
        if (closed) {
            return;
        }
        try {
            sink.accept(text);
        } catch (RuntimeException e) {
            // Keep draining the pipe anyway, or the process would block on a full pipe.
            closed = true;
            log.warn("could not deliver process output, dropping the rest: {}", e.toString());
        }
    }

    /** The last lines of a stream, bounded by a line count and a character budget. */
    private static final class Tail {
        private final int maxLines;
        private final int maxChars;
        private final ArrayDeque<String> lines = new ArrayDeque<>();
        private int chars;

        Tail(int maxLines, int maxChars) {
            this.maxLines = maxLines;
            this.maxChars = maxChars;
        }

        synchronized void add(String line) {
            if (maxLines == 0) {
                return;
            }
            String kept = Texts.truncate(line, maxChars);
            lines.addLast(kept);
            chars += kept.length();
            while (lines.size() > maxLines || chars > maxChars) {
                chars -= lines.removeFirst().length();
            }
        }

        synchronized List<String> lines() {
            return List.copyOf(lines);
        }
    }
}
