package io.taskforge.store.jdbc;

import io.taskforge.jdbc.ConnectionSource;
import io.taskforge.jdbc.JdbcRunner;
import io.taskforge.jdbc.Params;
import io.taskforge.jdbc.Transactions;
import io.taskforge.store.StoreListener;
import io.taskforge.store.jdbc.dialect.Dialect;
import io.taskforge.store.jdbc.dialect.NotificationSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's subscribers. They hear commits made through this store object right after each
 * commit, on the committing thread; on a database that can notify they also hear every other
 * process, on the listening thread. A commit made here is then heard twice (once directly, once
 * as its own notification): wake-ups are hints, and hearing one twice costs one empty claim.
 *
 * <p>The listening connection is opened with the first subscriber and closed with the last.
 * After it reconnects, the database is asked which queues have ready tasks and which running
 * tasks should stop, and subscribers hear all of those: nothing waits for a signal sent while
 * the connection was down.
 */
final class Listeners implements NotificationSink {
    private static final Logger log = LoggerFactory.getLogger(Listeners.class);
    /** Bounds the catch-up after a reconnect; workers also learn of cancels at lease renewal. */
    private static final int MAX_CANCELS_ON_RESYNC = 10_000;

    private final List<StoreListener> listeners = new CopyOnWriteArrayList<>();
    private final Dialect dialect;
    private final DataSource dataSource;
    private final ConnectionSource listenConnections;
    private AutoCloseable feed; // guarded by this
    private boolean closed; // guarded by this

    Listeners(Dialect dialect, DataSource dataSource, ConnectionSource listenConnections) {
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.listenConnections = listenConnections;
    }

    AutoCloseable subscribe(StoreListener listener) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the store is closed");
            }
            listeners.add(listener);
            if (feed == null && dialect.supportsListenNotify()) {
                feed = dialect.listen(listenConnections, this);
            }
        }
        return () -> unsubscribe(listener);
    }

    private synchronized void unsubscribe(StoreListener listener) {
        listeners.remove(listener);
        if (listeners.isEmpty()) {
            stopFeed();
        }
    }

    void afterCommit(TxScope scope) {
        scope.queued().forEach(this::taskQueued);
        scope.cancelRequested().forEach(this::cancelRequested);
    }

    @Override
    public void taskQueued(String queue) {
        tellEach("taskQueued", queue, l -> l.taskQueued(queue));
    }

    @Override
    public void cancelRequested(String taskId) {
        tellEach("cancelRequested", taskId, l -> l.cancelRequested(taskId));
    }

    /** One listener failing must not keep the others from hearing it. */
    private void tellEach(String what, String subject, Consumer<StoreListener> call) {
        for (StoreListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                log.warn("store listener failed on {}({})", what, subject, e);
            }
        }
    }

    @Override
    public void resynchronize() {
        List<String> queues = Transactions.withConnection(
                dataSource,
                c -> JdbcRunner.query(
                        c,
                        "SELECT DISTINCT queue FROM tf_task WHERE status = 'QUEUED' AND deleted_at IS NULL",
                        Params.of(),
                        rs -> rs.getString("queue")));
        queues.forEach(this::taskQueued);
        pendingCancels().forEach(this::cancelRequested);
    }

    @Override
    public void changedElsewhere() {
        taskQueued(null);
        pendingCancels().forEach(this::cancelRequested);
    }

    /** Running tasks someone asked to stop; the running index holds exactly the running ones. */
    private List<String> pendingCancels() {
        return Transactions.withConnection(
                dataSource,
                c -> JdbcRunner.query(
                        c,
                        "SELECT id FROM tf_task WHERE status = 'RUNNING' AND cancel_requested = TRUE"
                                + " AND deleted_at IS NULL LIMIT ?",
                        Params.of().integer(MAX_CANCELS_ON_RESYNC),
                        rs -> dialect.readId(rs, "id")));
    }

    synchronized void close() {
        closed = true;
        listeners.clear();
        stopFeed();
    }

    private void stopFeed() {
        if (feed != null) {
            try {
                feed.close();
            } catch (Exception e) {
                log.debug("stopping the notification feed failed", e);
            }
            feed = null;
        }
    }
}
