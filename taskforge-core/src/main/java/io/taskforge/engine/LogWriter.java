package io.taskforge.engine;

import io.taskforge.store.ProgressUpdate;
import io.taskforge.store.TaskStore;
import io.taskforge.task.TaskLogLine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers the log lines and progress reports of running tasks and writes them in batches every
 * {@link #INTERVAL}, so a chatty shell command costs a few statements a second, not one per line.
 *
 * <p>Progress is coalesced per attempt: only the latest report is written. When more than {@link
 * #MAX_BUFFERED} lines wait, the handler that adds one writes a batch itself, which slows it down
 * to the speed of the database instead of filling the heap.
 */
final class LogWriter extends BackgroundLoop {
    private static final Logger log = LoggerFactory.getLogger(LogWriter.class);
    static final Duration INTERVAL = Duration.ofMillis(200);
    private static final int MAX_BUFFERED = 50_000;
    private static final int MAX_BATCH = 5_000;

    private final TaskStore store;
    private final ConcurrentLinkedQueue<TaskLogLine> lines = new ConcurrentLinkedQueue<>();
    private final AtomicInteger buffered = new AtomicInteger();
    private final Map<String, ProgressUpdate> progress = new ConcurrentHashMap<>();
    /** One flush at a time keeps the lines of a task in order. */
    private final ReentrantLock flushing = new ReentrantLock();

    LogWriter(String workerId, TaskStore store) {
        super("taskforge-logs-" + workerId);
        this.store = store;
    }

    void append(TaskLogLine line) {
        lines.add(line);
        if (buffered.incrementAndGet() > MAX_BUFFERED) {
            flush();
        }
    }

    void progress(ProgressUpdate update) {
        progress.put(update.taskId() + '#' + update.attempt(), update);
    }

    @Override
    protected Duration runOnce() {
        flush();
        return INTERVAL;
    }

    /** Writes everything buffered so far. Safe to call from any thread. */
    void flush() {
        flushing.lock();
        try {
            while (!lines.isEmpty()) {
                List<TaskLogLine> batch = new ArrayList<>(Math.min(MAX_BATCH, buffered.get()));
                TaskLogLine line;
                while (batch.size() < MAX_BATCH && (line = lines.peek()) != null) {
                    batch.add(line);
                    lines.poll();
                }
                try {
                    store.taskLogAppendMany(batch);
                } catch (RuntimeException e) {
                    // Log lines are worth less than the database's health: drop this batch rather
                    // than retry forever or let the buffer grow without bound.
                    log.warn("dropped {} task log lines that could not be written", batch.size(), e);
                }
                buffered.addAndGet(-batch.size());
            }
            if (!progress.isEmpty()) {
                List<ProgressUpdate> updates = new ArrayList<>();
                for (String key : List.copyOf(progress.keySet())) {
                    ProgressUpdate u = progress.remove(key);
                    if (u != null) {
                        updates.add(u);
                    }
                }
                try {
                    store.taskProgressSetIfRunningMany(updates);
                } catch (RuntimeException e) {
                    log.debug("progress of {} tasks not written", updates.size(), e);
                }
            }
        } finally {
            flushing.unlock();
        }
    }

    @Override
    protected void onStop() {
        flush();
    }
}
