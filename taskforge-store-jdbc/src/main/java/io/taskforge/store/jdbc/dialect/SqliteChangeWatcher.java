package io.taskforge.store.jdbc.dialect;

import io.taskforge.jdbc.ConnectionSource;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQLite's stand-in for LISTEN/NOTIFY: hears commits of other processes sharing the file, so a
 * worker process wakes when a server (or the command line) queues a task instead of finding it at
 * its next poll.
 *
 * <p>Every commit writes the write-ahead log, and the operating system tells a directory watch
 * about it (inotify on Linux) at once, without the watcher polling. A wake-up is then confirmed by
 * {@code PRAGMA data_version}, which changes exactly when another connection committed. What
 * changed is not known, so the sink hears "some queue has work" and looks for cancel requests
 * ({@link NotificationSink#changedElsewhere()}). Commits of this process come back this way too:
 * a wake-up is a hint, and a redundant one costs one empty claim. Where the file system gives no
 * change events (or delays them, as polling watch services do), the data version is also read
 * every {@value #CHECK_MILLIS} ms.
 */
final class SqliteChangeWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SqliteChangeWatcher.class);
    private static final long CHECK_MILLIS = 250;
    private static final long RETRY_MILLIS = 1_000;
    /** Re-checks after a write event: 50 µs, doubling, about 13 ms in all. */
    private static final long RECHECK_FIRST_NANOS = 50_000;

    private static final int RECHECKS = 8;

    private final ConnectionSource source;
    private final NotificationSink sink;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile WatchService watch;

    private SqliteChangeWatcher(ConnectionSource source, NotificationSink sink) {
        this.source = source;
        this.sink = sink;
        this.thread =
                Thread.ofPlatform().name("taskforge-sqlite-watch").daemon().unstarted(this::run);
    }

    static SqliteChangeWatcher start(ConnectionSource source, NotificationSink sink) {
        SqliteChangeWatcher w = new SqliteChangeWatcher(source, sink);
        w.thread.start();
        try {
            // A subscriber must hear every commit made after it subscribed.
            w.ready.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return w;
    }

    private void run() {
        while (running) {
            try (Connection c = source.open();
                    Statement st = c.createStatement()) {
                watchUntilClosed(c, st);
            } catch (SQLException | IOException | RuntimeException e) {
                if (running) {
                    log.warn("watching the SQLite file for other processes' commits failed; retrying", e);
                    sleep(RETRY_MILLIS);
                }
            } finally {
                ready.countDown();
            }
        }
    }

    private void watchUntilClosed(Connection c, Statement st) throws SQLException, IOException {
        Path file = mainFile(st);
        long version = dataVersion(st);
        try (WatchService ws = FileSystems.getDefault().newWatchService()) {
            watch = ws;
            if (!running) {
                return;
            }
            file.toAbsolutePath()
                    .getParent()
                    .register(ws, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_CREATE);
            ready.countDown();
            while (running) {
                WatchKey key;
                try {
                    key = ws.poll(CHECK_MILLIS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException | ClosedWatchServiceException e) {
                    return;
                }
                long now = dataVersion(st);
                if (key != null) {
                    key.pollEvents(); // which file does not matter: the data version decides
                    key.reset();
                    if (now == version) {
                        now = awaitCommitAfterWrite(st, version);
                    }
                }
                if (now != version) {
                    version = now;
                    sink.changedElsewhere();
                }
            }
        } finally {
            watch = null;
        }
    }

    /**
     * A commit writes its log frames (which the watch hears) before it publishes them in the shared
     * index that the data version reads, and that last step, a write to mapped memory, raises no
     * file event. So a wake-up can find the version not yet changed, and no second event would
     * follow: the task waited for the next commit of anyone (10 ms later in the latency benchmark,
     * its p95) or the next check. Look again a few times, briefly, before deciding it was nothing.
     */
    private long awaitCommitAfterWrite(Statement st, long version) throws SQLException {
        long pause = RECHECK_FIRST_NANOS;
        for (int i = 0; i < RECHECKS && running; i++) {
            LockSupport.parkNanos(pause);
            long now = dataVersion(st);
            if (now != version) {
                return now;
            }
            pause *= 2;
        }
        return version;
    }

    private static Path mainFile(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("PRAGMA database_list")) {
            while (rs.next()) {
                if ("main".equals(rs.getString("name"))) {
                    String file = rs.getString("file");
                    if (file == null || file.isEmpty()) {
                        throw new SQLException("an in-memory SQLite database has no other processes to hear");
                    }
                    return Path.of(file);
                }
            }
        }
        throw new SQLException("PRAGMA database_list names no main database");
    }

    private static long dataVersion(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("PRAGMA data_version")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        WatchService ws = watch;
        if (ws != null) {
            try {
                ws.close();
            } catch (IOException e) {
                log.debug("closing the watch service failed", e);
            }
        }
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
