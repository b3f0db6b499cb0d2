package io.taskforge.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.taskforge.store.QueueStats;
import io.taskforge.store.TaskStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Queue gauges from the store's live queue stats, which count every task whoever runs it:
 *
 * <ul>
 *   <li>{@code taskforge_queue_depth{queue,status}}: tasks SCHEDULED, QUEUED, RUNNING, RETRYING and
 *       FAILED (the dead letters) per queue;
 *   <li>{@code taskforge_queue_oldest_waiting_seconds{queue}}: how long the oldest QUEUED task has
 *       waited (0 when none waits).
 * </ul>
 *
 * The stats cost a query, so they are read every {@code taskforge.metrics.queue-refresh} (10 s) by a
 * background loop rather than on every scrape, and kept between reads; a scrape only reads the last values. A failed read keeps
 * the last values and is logged once until a read succeeds again. Queues beyond {@link
 * TaskMetrics#MAX_LABEL_VALUES} are left out (the busiest first would need a second query; a
 * deployment with that many queues reads {@code GET /queues}).
 */
@Component
class QueueMetrics implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(QueueMetrics.class);

    private final TaskStore store;
    private final Duration refresh;
    private final Clock clock = Clock.systemUTC();
    private final MultiGauge depth;
    private final MultiGauge oldestWaiting;
    private volatile Thread loop;
    private boolean failing;

    QueueMetrics(
            TaskStore store,
            MeterRegistry registry,
            @Value("${taskforge.metrics.queue-refresh:10s}") Duration refresh) {
        this.store = store;
        this.refresh = refresh;
        this.depth = MultiGauge.builder("taskforge.queue.depth")
                .description("Tasks per queue and status (FAILED: the dead letters)")
                .register(registry);
        this.oldestWaiting = MultiGauge.builder("taskforge.queue.oldest.waiting")
                .description("How long the oldest QUEUED task of the queue has waited")
                .baseUnit("seconds")
                .register(registry);
    }

    /** Reads the queue stats once and publishes them; false when the store could not answer. */
    synchronized boolean refresh() {
        List<QueueStats> stats;
        try {
            stats = store.queueStatsList(null, clock.instant());
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("Queue gauges keep their last values: reading queue stats failed ({})", e.toString());
                failing = true;
            }
            return false;
        }
        if (failing) {
            log.info("Queue gauges are current again");
            failing = false;
        }
        List<MultiGauge.Row<?>> depths = new ArrayList<>();
        List<MultiGauge.Row<?>> ages = new ArrayList<>();
        for (QueueStats q : stats.subList(0, Math.min(stats.size(), TaskMetrics.MAX_LABEL_VALUES))) {
            depths.add(row(q.name(), "SCHEDULED", q.scheduled()));
            depths.add(row(q.name(), "QUEUED", q.queued()));
            depths.add(row(q.name(), "RUNNING", q.running()));
            depths.add(row(q.name(), "RETRYING", q.retrying()));
            depths.add(row(q.name(), "FAILED", q.failed()));
            double age = q.oldestQueuedAgeSeconds() == null ? 0 : q.oldestQueuedAgeSeconds();
            ages.add(MultiGauge.Row.of(Tags.of("queue", q.name()), age));
        }
        // overwrite: queues that have gone (no tasks left, no settings) lose their series. Ages first:
        // a scrape between the two sees a queue's age whenever it sees its depth.
        oldestWaiting.register(ages, true);
        depth.register(depths, true);
        return true;
    }

    private static MultiGauge.Row<?> row(String queue, String status, long value) {
        return MultiGauge.Row.of(Tags.of("queue", queue, "status", status), value);
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                refresh();
            } catch (Throwable t) {
                log.warn("Refreshing the queue gauges failed; trying again in {}", refresh, t);
            }
            try {
                Thread.sleep(refresh);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public synchronized void start() {
        if (loop == null) {
            loop = Thread.ofVirtual().name("taskforge-queue-metrics").start(this::run);
        }
    }

    @Override
    public synchronized void stop() {
        if (loop != null) {
            loop.interrupt();
            loop = null;
        }
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }
}
