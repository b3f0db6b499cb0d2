package io.taskforge.store.jdbc;

import io.taskforge.jdbc.JdbcRunner;
import io.taskforge.store.QueuePatch;
import io.taskforge.store.QueueSettings;
import io.taskforge.store.QueueStats;
import io.taskforge.store.jdbc.QueueRows.QueueRow;
import io.taskforge.store.jdbc.dialect.Dialect;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Queue settings as operators change them, and queues as operators watch them. */
final class Queues {
    private final StoreDb db;
    private final Dialect d;
    private final QueueRows rows;

    Queues(StoreDb db, QueueRows rows) {
        this.db = db;
        this.d = db.dialect();
        this.rows = rows;
    }

    List<QueueSettings> settingsList() {
        return db.read(
                "list queue settings",
                c -> rows.all(c).stream().map(QueueRow::settings).toList());
    }

    /**
     * Applies the patch to the queue's row (created if missing) under its lock. A change that lets
     * more tasks start (resumed, a limit raised or removed) tells workers the queue has work, so
     * idle ones look at once instead of at their next poll.
     */
    QueueSettings settingsUpdate(String queue, QueuePatch patch, Instant now) {
        Objects.requireNonNull(queue, "queue");
        return db.write("update queue settings", (c, scope) -> {
            QueueRow old = rows.lockedCreatingIfMissing(c, queue, now);
            boolean paused = patch.paused() == null ? old.paused() : patch.paused();
            Integer concurrency =
                    patch.concurrencyLimit() == null ? old.concurrencyLimit() : noneIfZero(patch.concurrencyLimit());
            Double rate = patch.ratePerSecond() == null ? old.ratePerSecond() : noneIfZero(patch.ratePerSecond());
            Double tokens = null;
            Instant tokensAt = null;
            if (rate != null && old.ratePerSecond() != null && old.tokens() != null) {
                // Settle the bucket at the old rate up to now, then hold it to the new capacity, so
                // a new rate counts from now and never grants a burst larger than it allows.
                tokens = Math.min(
                        TokenBucket.capacity(rate),
                        TokenBucket.available(old.ratePerSecond(), old.tokens(), old.tokensAt(), now));
                tokensAt = TokenBucket.stateAt(old.tokensAt(), now);
            }
            QueueRow changed = new QueueRow(queue, paused, concurrency, rate, tokens, tokensAt, now);
            rows.write(c, changed);
            if (loosened(old, changed)) {
                scope.queued(queue);
            }
            return changed.settings();
        });
    }

    private static Integer noneIfZero(int limit) {
        return limit == 0 ? null : limit;
    }

    private static Double noneIfZero(double limit) {
        return limit == 0 ? null : limit;
    }

    /** True when the change may let tasks start that could not before. */
    private static boolean loosened(QueueRow old, QueueRow now) {
        return (old.paused() && !now.paused())
                || raised(old.concurrencyLimit(), now.concurrencyLimit())
                || raised(old.ratePerSecond(), now.ratePerSecond());
    }

    private static <N extends Number & Comparable<N>> boolean raised(N old, N now) {
        return old != null && (now == null || now.compareTo(old) > 0);
    }

    private record Counts(String queue, String status, long n) {}

    private record Ready(String queue, long n, Instant oldest) {}

    /**
     * Counts the tasks of {@code tenantId} (every tenant's when null); settings are the queue's,
     * shared by every tenant.
     */
    List<QueueStats> statsList(String tenantId, Instant now) {
        String tenant = tenantId == null ? "" : " AND tenant_id = ?";
        return db.read("list queues", c -> {
            // Each part served by an index alone: the counts of waiting and dead tasks by the
            // queue/status index, of running ones by the running index; the ready ones, and the
            // oldest of them, by the claim index (its run_at is in it).
            List<Counts> counts = new ArrayList<>(JdbcRunner.query(
                    c,
                    "SELECT queue, status, count(*) AS n FROM tf_task WHERE status IN ('PENDING', 'SCHEDULED',"
                            + " 'RETRYING', 'FAILED') AND deleted_at IS NULL" + tenant + " GROUP BY queue, status"
                            + " UNION ALL SELECT queue, 'RUNNING', count(*) FROM tf_task"
                            + " WHERE status = 'RUNNING' AND deleted_at IS NULL" + tenant + " GROUP BY queue",
                    tenantId == null ? db.args() : db.args().text(tenantId).text(tenantId),
                    rs -> new Counts(rs.getString("queue"), rs.getString("status"), rs.getLong("n"))));
            Map<String, Instant> oldest = new HashMap<>();
            List<Ready> ready = JdbcRunner.query(
                    c,
                    "SELECT queue, count(*) AS n, min(run_at) AS oldest FROM tf_task"
                            + " WHERE status = 'QUEUED' AND deleted_at IS NULL" + tenant + " GROUP BY queue",
                    tenantId == null ? db.args() : db.args().text(tenantId),
                    rs -> new Ready(rs.getString("queue"), rs.getLong("n"), d.readInstant(rs, "oldest")));
            for (Ready r : ready) {
                counts.add(new Counts(r.queue(), "QUEUED", r.n()));
                oldest.put(r.queue(), r.oldest());
            }
            List<QueueRow> settings = rows.all(c);

            Map<String, long[]> byQueue = new TreeMap<>();
            for (Counts n : counts) {
                long[] k = byQueue.computeIfAbsent(n.queue(), q -> new long[5]);
                switch (n.status()) {
                    case "SCHEDULED" -> k[0] += n.n();
                    case "QUEUED" -> k[1] += n.n();
                    case "RUNNING" -> k[2] += n.n();
                    case "RETRYING" -> k[3] += n.n();
                    case "FAILED" -> k[4] += n.n();
                    default -> {} // PENDING: the queue is listed, with no count of its own
                }
            }
            Map<String, QueueRow> settingsByName = new HashMap<>();
            for (QueueRow q : settings) {
                settingsByName.put(q.name(), q);
                byQueue.computeIfAbsent(q.name(), name -> new long[5]);
            }
            return byQueue.entrySet().stream()
                    .map(e -> {
                        String name = e.getKey();
                        long[] k = e.getValue();
                        QueueSettings s = settingsByName.containsKey(name)
                                ? settingsByName.get(name).settings()
                                : QueueSettings.defaults(name);
                        Instant since = oldest.get(name);
                        Double age = since == null
                                ? null
                                : Math.max(0, Duration.between(since, now).toMillis()) / 1000.0;
                        return new QueueStats(
                                name,
                                k[0],
                                k[1],
                                k[2],
                                k[3],
                                k[4],
                                s.paused(),
                                s.concurrencyLimit(),
                                s.ratePerSecond(),
                                age);
                    })
                    .toList();
        });
    }
}
