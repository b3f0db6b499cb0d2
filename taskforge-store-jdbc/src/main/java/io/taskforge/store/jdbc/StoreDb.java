package io.taskforge.store.jdbc;

import io.taskforge.jdbc.JdbcException;
import io.taskforge.jdbc.SqlWork;
import io.taskforge.jdbc.Transactions;
import io.taskforge.jdbc.TransientJdbcException;
import io.taskforge.jdbc.UniqueViolationException;
import io.taskforge.store.StoreException;
import io.taskforge.store.jdbc.dialect.Dialect;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's way into the database: reads on auto-commit connections, writes in transactions.
 *
 * <p>A write transaction runs its work, tells other processes what it woke up, commits, and then
 * tells this process's listeners. When the database refuses for now (SQLite busy beyond its
 * timeout, a PostgreSQL serialization failure or deadlock) the whole work runs again, a few times
 * at most; work is therefore written to be repeatable and keeps no state outside the transaction.
 *
 * <p>On a single-writer database the writers of this store queue on a fair Java lock before they
 * take a connection, so they wait in order without spinning in SQLite's busy handler and
 * without holding pooled connections while they wait. Reads never take the lock.
 */
final class StoreDb {
    private static final Logger log = LoggerFactory.getLogger(StoreDb.class);
    private static final int MAX_TRIES = 4;
    /** Bounds the wait for the in-process write lock; holders keep it for milliseconds. */
    private static final long WRITE_LOCK_WAIT_SECONDS = 60;

    private final DataSource dataSource;
    private final Dialect dialect;
    private final ReentrantLock writeLock;
    private final Consumer<TxScope> afterCommit;

    StoreDb(DataSource dataSource, Dialect dialect, Consumer<TxScope> afterCommit) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.writeLock = dialect.singleWriter() ? new ReentrantLock(true) : null;
        this.afterCommit = afterCommit;
    }

    Dialect dialect() {
        return dialect;
    }

    DataSource dataSource() {
        return dataSource;
    }

    Args args() {
        return new Args(dialect);
    }

    <T> T read(String what, SqlWork<T> work) {
        try {
            return Transactions.withConnection(dataSource, work);
        } catch (JdbcException e) {
            throw new StoreException(what + " failed", e);
        }
    }

    <T> T write(String what, TxWork<T> work) {
        return write(what, work, e -> new StoreException(what + " failed", e));
    }

    /** Like {@link #write(String, TxWork)}; a unique violation is rolled back and handed to {@code onUnique}. */
    <T> T write(String what, TxWork<T> work, Function<UniqueViolationException, RuntimeException> onUnique) {
        return write(what, work, onUnique, false);
    }

    /**
     * A write that is one statement, run in auto-commit: the statement is its own transaction, so
     * no BEGIN and COMMIT round trips. The statement notifies other processes itself; this
     * process's listeners hear what {@code work} put in the scope, as after any write.
     */
    <T> T writeOneStatement(
            String what, TxWork<T> work, Function<UniqueViolationException, RuntimeException> onUnique) {
        return write(what, work, onUnique, true);
    }

    private <T> T write(
            String what,
            TxWork<T> work,
            Function<UniqueViolationException, RuntimeException> onUnique,
            boolean oneStatement) {
        for (int attempt = 1; ; attempt++) {
            TxScope scope = new TxScope();
            T result = null;
            boolean tryAgain = false;
            lock(what);
            try {
                result = oneStatement
                        ? Transactions.withConnection(dataSource, c -> work.run(c, scope))
                        : Transactions.inTransaction(dataSource, c -> {
                            T r = work.run(c, scope);
                            scope.notifyOtherProcesses(c, dialect);
                            return r;
                        });
            } catch (UniqueViolationException e) {
                throw onUnique.apply(e);
            } catch (TransientJdbcException e) {
                if (attempt >= MAX_TRIES) {
                    throw new StoreException(what + " failed " + attempt + " times", e);
                }
                log.debug("{}: database asked to try again ({}), try {}", what, e.getMessage(), attempt);
                tryAgain = true;
            } catch (JdbcException e) {
                throw new StoreException(what + " failed", e);
            } finally {
                unlock();
            }
            if (tryAgain) {
                pause(attempt);
                continue;
            }
            afterCommit.accept(scope);
            return result;
        }
    }

    private void lock(String what) {
        if (writeLock == null) {
            return;
        }
        try {
            if (!writeLock.tryLock(WRITE_LOCK_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new StoreException(
                        what + " failed: waited " + WRITE_LOCK_WAIT_SECONDS + " s for other writers of this store");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(what + " interrupted while waiting to write", e);
        }
    }

    private void unlock() {
        if (writeLock != null && writeLock.isHeldByCurrentThread()) {
            writeLock.unlock();
        }
    }

    /** A short jittered pause, so retrying transactions do not collide again in step. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5L * attempt, 20L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted before trying again", e);
        }
    }
}
