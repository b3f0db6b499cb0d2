package io.taskforge.store.jdbc.dialect;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.sqlite.BusyHandler;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

/**
 * How a connection waits while another process holds the SQLite file's write lock: pauses of 50
 * µs, doubling up to 1 ms, until the lock is free or the busy timeout has passed (then the
 * statement fails with SQLITE_BUSY, as with {@code busy_timeout}).
 *
 * <p>SQLite's own {@code busy_timeout} sleeps 1, 2, 5, 10, 15, 20 ms and so on between tries. A
 * worker process claiming a task that a server process has just committed often finds the
 * server's lock not quite released yet, and those sleeps were its latency: a task that could start
 * in 1 ms started after 11 or 21 (issue 7's C on SQLite, p95 and p99). Locks between processes are
 * held for well under a millisecond, so short pauses find them free at once.
 *
 * <p>One instance per connection (a connection is used by one thread at a time).
 */
final class SqliteBusyWait extends BusyHandler {
    private static final long FIRST_PAUSE_NANOS = 50_000;
    private static final long MAX_PAUSE_NANOS = 1_000_000;

    private final long timeoutNanos;
    private long firstTry;

    private SqliteBusyWait(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    protected int callback(int previousTries) {
        long now = System.nanoTime();
        if (previousTries == 0) {
            firstTry = now;
        }
        if (now - firstTry >= timeoutNanos) {
            return 0;
        }
        LockSupport.parkNanos(Math.min(MAX_PAUSE_NANOS, FIRST_PAUSE_NANOS << Math.min(previousTries, 5)));
        return 1;
    }

    /** A data source whose every connection waits this way, up to {@code timeout}. */
    static SQLiteDataSource dataSource(org.sqlite.SQLiteConfig config, Duration timeout) {
        return new SQLiteDataSource(config) {
            @Override
            public SQLiteConnection getConnection(String username, String password) throws SQLException {
                SQLiteConnection c = super.getConnection(username, password);
                BusyHandler.setHandler(c, new SqliteBusyWait(timeout));
                return c;
            }
        };
    }
}
