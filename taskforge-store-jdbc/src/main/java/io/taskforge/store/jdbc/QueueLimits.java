package io.taskforge.store.jdbc;

import io.taskforge.jdbc.JdbcRunner;
import io.taskforge.store.ClaimParams;
import io.taskforge.store.jdbc.QueueRows.QueueRow;
import io.taskforge.store.jdbc.dialect.Dialect;
import io.taskforge.task.Task;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the queues' settings let one claim take: nothing from a paused queue, no more than a
 * concurrency-limited queue has room for, no more than a rate-limited queue has tokens for.
 * Everything happens inside the claim's own transaction, so the limits hold across every worker
 * of the cluster:
 *
 * <ul>
 *   <li>The rows of the claimed queues that limit anything are read {@code FOR UPDATE}. On
 *       PostgreSQL this makes the claimers of one limited queue take turns, and each sees the
 *       RUNNING tasks and the tokens the previous one left (read-committed: every statement after
 *       the lock sees what the previous holder committed). Claimers of unlimited queues lock
 *       nothing and never wait for each other. On SQLite the transaction already holds the
 *       database's only write lock.
 *   <li>The RUNNING tasks of concurrency-limited queues are counted after the lock.
 *   <li>The rate limit is a token bucket whose state (tokens, and when) is stored in the queue's row
 *       and written back in the same transaction as the claim, with time taken from the claim's
 *       {@code now}; see {@link TokenBucket}.
 * </ul>
 *
 * <p>Why not a rate-limit library: Bucket4j is the well-kept choice for the JVM, and its JDBC
 * backends keep a bucket in a table too. But they take tokens in a transaction of their own, so a
 * claim would cost a second transaction, and tokens would be taken whether or not the claim then
 * found tasks (or committed at all); taking exactly as many tokens as tasks were claimed, atomically
 * with the claim, needs the bucket inside the claim transaction. A bucket is a few lines of
 * arithmetic; the database row lock is what makes it cluster-wide.
 *
 * <p>A queue without a row, or whose row limits nothing, costs one indexed read of the small
 * {@code tf_queue} table per claim and nothing else.
 */
final class QueueLimits {
    /**
     * What one claim may take.
     *
     * @param open the requested queues that may give tasks now
     * @param caps of the open queues, those that are limited, with the most tasks each may give
     * @param buckets rate-limited open queues with their bucket, to charge after the claim
     */
    record Plan(List<String> open, Map<String, Integer> caps, Map<String, Bucket> buckets) {}

    /** A rate-limited queue's bucket as this claim found it. */
    record Bucket(double available, Instant storedAt) {}

    private final StoreDb db;
    private final Dialect d;
    private final QueueRows queues;

    QueueLimits(StoreDb db, QueueRows queues) {
        this.db = db;
        this.d = db.dialect();
        this.queues = queues;
    }

    /** Reads (and on PostgreSQL locks) the settings of the limited queues among those claimed. */
    Plan plan(Connection c, ClaimParams p) throws SQLException {
        List<QueueRow> limited = queues.limitedLocked(c, p.queues());
        if (limited.isEmpty()) {
            return new Plan(p.queues(), Map.of(), Map.of());
        }
        Map<String, Long> running = runningCounts(c, limited);
        Set<String> closed = new HashSet<>();
        Map<String, Integer> caps = new LinkedHashMap<>();
        Map<String, Bucket> buckets = new HashMap<>();
        for (QueueRow q : limited) {
            long allowed = p.max();
            if (q.paused()) {
                allowed = 0;
            }
            if (q.concurrencyLimit() != null) {
                allowed = Math.min(allowed, q.concurrencyLimit() - running.getOrDefault(q.name(), 0L));
            }
            if (q.ratePerSecond() != null) {
                double available = TokenBucket.available(q.ratePerSecond(), q.tokens(), q.tokensAt(), p.now());
                allowed = Math.min(allowed, TokenBucket.wholeTokens(available));
                buckets.put(q.name(), new Bucket(available, q.tokensAt()));
            }
            if (allowed <= 0) {
                closed.add(q.name());
                buckets.remove(q.name());
            } else {
                caps.put(q.name(), (int) allowed);
            }
        }
        // Distinct: a queue named twice must not be picked from twice.
        List<String> open = p.queues().stream()
                .filter(name -> !closed.contains(name))
                .distinct()
                .toList();
        return new Plan(open, caps, buckets);
    }

    /** Takes one token per claimed task from the buckets of rate-limited queues. */
    void charge(Connection c, Plan plan, List<Task> claimed, Instant now) throws SQLException {
        if (plan.buckets().isEmpty()) {
            return;
        }
        Map<String, Integer> started = new HashMap<>();
        for (Task t : claimed) {
            started.merge(t.queue(), 1, Integer::sum);
        }
        for (Map.Entry<String, Bucket> e : plan.buckets().entrySet()) {
            int taken = started.getOrDefault(e.getKey(), 0);
            // Nothing taken, nothing to write: the stored state refills to the same level by itself.
            if (taken > 0) {
                Bucket b = e.getValue();
                queues.writeTokens(
                        c, e.getKey(), TokenBucket.after(b.available(), taken), TokenBucket.stateAt(b.storedAt(), now));
            }
        }
    }

    private Map<String, Long> runningCounts(Connection c, List<QueueRow> limited) throws SQLException {
        List<String> names = new ArrayList<>();
        for (QueueRow q : limited) {
            if (q.concurrencyLimit() != null && !q.paused()) {
                names.add(q.name());
            }
        }
        Map<String, Long> counts = new HashMap<>();
        if (names.isEmpty()) {
            return counts;
        }
        JdbcRunner.query(
                c,
                "SELECT queue, count(*) AS n FROM tf_task WHERE " + d.anyOf("queue")
                        + " AND status = 'RUNNING' AND deleted_at IS NULL GROUP BY queue",
                db.args().texts(names),
                rs -> counts.put(rs.getString("queue"), rs.getLong("n")));
        return counts;
    }
}
