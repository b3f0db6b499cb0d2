package io.taskforge.store.jdbc.dialect;

import io.taskforge.jdbc.ConnectionSource;
import io.taskforge.jdbc.JdbcRunner;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears NOTIFYs of every process on one dedicated connection, on a daemon thread.
 *
 * <p>LISTEN only hears what is sent while it listens. When the connection drops, the thread
 * reconnects with capped, jittered backoff, LISTENs again and then asks the sink to {@link
 * NotificationSink#resynchronize() resynchronize}: whatever was sent while it was deaf is in the
 * tables, and the sink reads it from there. {@link #start} waits (bounded) for the first LISTEN,
 * so a subscriber misses nothing committed after it subscribed; if that first attempt fails the
 * thread keeps trying and resynchronizes once it succeeds.
 *
 * <p>A dead peer does not always break a socket that only reads, so the connection is checked
 * every {@value #CHECK_EVERY_MILLIS} ms.
 */
final class PostgresNotificationFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PostgresNotificationFeed.class);
    private static final int POLL_MILLIS = 500;
    private static final long CHECK_EVERY_MILLIS = 30_000;
    private static final long MIN_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    private static final long FIRST_LISTEN_WAIT_SECONDS = 10;

    private final ConnectionSource source;
    private final NotificationSink sink;
    private final CountDownLatch firstListen = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection connection;

    private PostgresNotificationFeed(ConnectionSource source, NotificationSink sink) {
        this.source = source;
        this.sink = sink;
        this.thread = Thread.ofPlatform().name("taskforge-pg-listen").daemon().unstarted(this::run);
    }

    static PostgresNotificationFeed start(ConnectionSource source, NotificationSink sink) {
        PostgresNotificationFeed feed = new PostgresNotificationFeed(source, sink);
        feed.thread.start();
        try {
            if (!feed.firstListen.await(FIRST_LISTEN_WAIT_SECONDS, TimeUnit.SECONDS)) {
                log.warn("not listening for notifications yet; will keep trying and catch up when it works");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return feed;
    }

    private void run() {
        long backoff = MIN_BACKOFF_MILLIS;
        int attempts = 0;
        while (running) {
            attempts++;
            try (Connection c = source.open()) {
                connection = c;
                c.setAutoCommit(true);
                JdbcRunner.execute(c, "LISTEN " + PostgresDialect.QUEUED_CHANNEL);
                JdbcRunner.execute(c, "LISTEN " + PostgresDialect.CANCEL_CHANNEL);
                boolean catchUp = attempts > 1;
                firstListen.countDown();
                backoff = MIN_BACKOFF_MILLIS;
                if (catchUp) {
                    log.info("listening for notifications again; catching up on what was missed");
                    safely(sink::resynchronize);
                }
                receive(c);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                log.warn("notification connection failed, retrying in about {} ms: {}", backoff, e.toString());
            } catch (Throwable t) {
                log.error("notification thread hit an unexpected error; it keeps running", t);
            } finally {
                connection = null;
            }
            if (running) {
                sleep(backoff + ThreadLocalRandom.current().nextLong(backoff / 2 + 1));
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    private void receive(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long lastCheck = System.nanoTime();
        while (running) {
            PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
            if (notifications != null) {
                for (PGNotification n : notifications) {
                    dispatch(n);
                }
            }
            if (System.nanoTime() - lastCheck > TimeUnit.MILLISECONDS.toNanos(CHECK_EVERY_MILLIS)) {
                JdbcRunner.execute(c, "SELECT 1");
                lastCheck = System.nanoTime();
            }
        }
    }

    private void dispatch(PGNotification n) {
        switch (n.getName()) {
            case PostgresDialect.QUEUED_CHANNEL -> safely(() -> sink.taskQueued(n.getParameter()));
            case PostgresDialect.CANCEL_CHANNEL -> safely(() -> sink.cancelRequested(n.getParameter()));
            default -> log.debug("ignoring notification on channel {}", n.getName());
        }
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.warn("notification receiver failed; listening goes on", e);
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            // close() interrupts to stop the wait; the loop condition decides.
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        Connection c = connection;
        if (c != null) {
            try {
                c.close(); // wakes a thread blocked in getNotifications
            } catch (SQLException e) {
                log.debug("closing the notification connection failed", e);
            }
        }
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
