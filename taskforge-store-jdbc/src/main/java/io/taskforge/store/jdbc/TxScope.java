package io.taskforge.store.jdbc;

import io.taskforge.store.jdbc.dialect.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What one write transaction woke up: queues that got ready tasks and running tasks someone
 * asked to cancel. Other processes are told inside the transaction (so they hear it only if it
 * commits), this process's listeners after the commit.
 */
final class TxScope {
    private final Set<String> queued = new LinkedHashSet<>();
    private final Set<String> cancelRequested = new LinkedHashSet<>();

    void queued(String queue) {
        queued.add(queue);
    }

    void cancelRequested(String taskId) {
        cancelRequested.add(taskId);
    }

    Set<String> queued() {
        return queued;
    }

    Set<String> cancelRequested() {
        return cancelRequested;
    }

    void notifyOtherProcesses(Connection c, Dialect dialect) throws SQLException {
        dialect.notifyQueued(c, queued);
        dialect.notifyCancelRequested(c, cancelRequested);
    }
}
