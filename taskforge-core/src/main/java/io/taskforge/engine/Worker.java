package io.taskforge.engine;

import io.taskforge.event.EngineListener;
import io.taskforge.handler.TaskHandler;
import io.taskforge.json.JsonCodec;
import io.taskforge.retry.RetryPolicy;
import io.taskforge.store.AttemptOutcome;
import io.taskforge.store.ClaimParams;
import io.taskforge.store.QueueSettings;
import io.taskforge.store.TaskStore;
import io.taskforge.store.WorkerRecord;
import io.taskforge.store.WorkerStatus;
import io.taskforge.task.Task;
import io.taskforge.time.Millis;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks: a producer claims batches of ready tasks for its free slots, each task runs on its
 * own virtual thread, a completer writes outcomes in batches, a lease keeper renews the leases of
 * running tasks and hears about cancels from other nodes.
 *
 * <p>Slots are explicit (a semaphore of {@code concurrency} permits): virtual threads are cheap,
 * but the database connections, memory and child processes that tasks use are not. The producer
 * never claims more tasks than it has free slots, so a claimed task always starts at once.
 */
final class Worker implements WorkerView {
    private static final Logger log = LoggerFactory.getLogger(Worker.class);
    /** How long handlers interrupted at shutdown get to wind down before their tasks are released anyway. */
    private static final Duration INTERRUPT_WAIT = Duration.ofSeconds(5);

    private final TaskStore store;
    private final JsonCodec json;
    private final Clock clock;
    private final EngineConfig config;
    private final HandlerRegistry handlers;
    private final EngineListener listener;
    private final Semaphore slots;
    private final Map<String, Execution> running = new ConcurrentHashMap<>();
    private final Set<String> queues;
    private final Producer producer;
    private final LeaseKeeper leaseKeeper;
    private final Completer completer;
    private final LogWriter logs;
    private final ScheduledExecutorService timeouts;
    private final Map<Execution, ScheduledFuture<?>> timeoutFutures = new ConcurrentHashMap<>();
    private final ThreadFactory taskThreads;
    private final Instant startedAt;
    private final String host;

    Worker(
            TaskStore store,
            JsonCodec json,
            Clock clock,
            EngineConfig config,
            HandlerRegistry handlers,
            EngineListener listener) {
        this.store = store;
        this.listener = listener;
        this.json = json;
        this.clock = clock;
        this.config = config;
        this.handlers = handlers;
        this.slots = new Semaphore(config.concurrency());
        this.queues = Set.copyOf(config.queues());
        this.logs = new LogWriter(config.workerId(), store);
        this.completer = new Completer(config.workerId(), store, logs, o -> {});
        this.producer = new Producer();
        this.leaseKeeper = new LeaseKeeper();
        ScheduledThreadPoolExecutor ses = new ScheduledThreadPoolExecutor(
                1, Thread.ofPlatform().name("taskforge-timeouts").daemon(true).factory());
        ses.setRemoveOnCancelPolicy(true);
        this.timeouts = ses;
        this.taskThreads = Thread.ofVirtual().name("taskforge-task-", 0).factory();
        this.startedAt = Millis.now(clock);
        this.host = EngineConfig.hostName();
    }

    // ---- lifecycle ------------------------------------------------------------------------------

    void start(boolean notified) {
        producer.notified = notified;
        registerHeartbeat(WorkerStatus.ACTIVE);
        logs.start();
        completer.start();
        leaseKeeper.start();
        producer.start();
    }

    /**
     * Stops in two phases: stop claiming and let running tasks finish within {@code grace}; then
     * interrupt the rest and give their tasks back to the queue, so nothing this worker claimed is
     * stranded until a lease runs out.
     */
    void stop(Duration grace) {
        producer.stop(Duration.ofSeconds(10));
        if (!awaitIdle(grace)) {
            List<Execution> stragglers = List.copyOf(running.values());
            log.info(
                    "worker {}: {} tasks still running after the {} grace period; interrupting them and"
                            + " giving them back to their queues",
                    config.workerId(),
                    stragglers.size(),
                    grace);
            stragglers.forEach(e -> e.stop(StopReason.SHUTDOWN));
            if (!awaitIdle(INTERRUPT_WAIT)) {
                running.values().forEach(Execution::forceRelease);
            }
        }
        if (!completer.awaitDrained(Duration.ofSeconds(30))) {
            log.warn("worker {}: not every task outcome could be written before stopping", config.workerId());
        }
        completer.stop(Duration.ofSeconds(30));
        logs.stop(Duration.ofSeconds(10));
        leaseKeeper.stop(Duration.ofSeconds(10));
        timeouts.shutdownNow();
        try {
            registerHeartbeat(WorkerStatus.STOPPED);
        } catch (RuntimeException e) {
            log.debug("could not mark worker {} stopped", config.workerId(), e);
        }
    }

    private boolean awaitIdle(Duration timeout) {
        try {
            if (slots.tryAcquire(config.concurrency(), timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                slots.release(config.concurrency());
                return true;
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ---- signals --------------------------------------------------------------------------------

    void onTaskQueued(String queue) {
        if (queue == null || queues.contains(queue)) {
            producer.signal();
        }
    }

    void onCancelRequested(String taskId) {
        Execution e = running.get(taskId);
        if (e != null) {
            e.stop(StopReason.CANCEL);
        }
    }

    // ---- called by executions -------------------------------------------------------------------

    TaskHandler handler(String type) {
        return handlers.get(type);
    }

    RetryPolicy retryPolicy(String type) {
        TaskHandler h = handlers.get(type);
        RetryPolicy p = h == null ? null : h.retryPolicy();
        return p == null ? config.retryPolicy() : p;
    }

    void report(AttemptOutcome outcome) {
        completer.submit(outcome);
    }

    LogWriter logs() {
        return logs;
    }

    EngineListener listener() {
        return listener;
    }

    void finished(Execution e, Duration runTime) {
        ScheduledFuture<?> f = timeoutFutures.remove(e);
        if (f != null) {
            f.cancel(false);
        }
        running.remove(e.task().id(), e);
        slots.release();
        producer.signal();
        if (e.reportedStatus() != null) {
            try {
                listener.attemptFinished(e.task(), e.reportedStatus(), runTime);
            } catch (RuntimeException ex) {
                log.warn("engine listener failed", ex);
            }
        }
    }

    // ---- WorkerView -----------------------------------------------------------------------------

    @Override
    public String id() {
        return config.workerId();
    }

    @Override
    public int concurrency() {
        return config.concurrency();
    }

    @Override
    public int busy() {
        return config.concurrency() - slots.availablePermits();
    }

    @Override
    public Set<String> runningTaskIds() {
        return Set.copyOf(running.keySet());
    }

    // ---- internals ------------------------------------------------------------------------------

    private void launch(Task task) {
        Execution e = new Execution(task, this, json, clock);
        running.put(task.id(), e);
        long timeoutMillis = task.timeoutSeconds() * 1000L;
        timeoutFutures.put(
                e, timeouts.schedule(() -> e.stop(StopReason.TIMEOUT), timeoutMillis, TimeUnit.MILLISECONDS));
        taskThreads.newThread(e).start();
    }

    private void registerHeartbeat(WorkerStatus status) {
        Instant now = Millis.now(clock);
        store.workerUpsert(new WorkerRecord(
                config.workerId(),
                host,
                ProcessHandle.current().pid(),
                config.queues(),
                config.concurrency(),
                busy(),
                startedAt,
                now,
                status));
    }

    /**
     * Claims work for free slots. Wakes on a signal (a task queued here or, through NOTIFY, on
     * another node; a slot freed) or after the poll interval, with jitter so that idle workers
     * started together do not poll in step.
     *
     * <p>An empty claim cannot tell an empty queue from a limited one, and nothing signals when a
     * rate-limited queue's bucket refills or another node's task of a concurrency-limited queue
     * finishes. So the producer keeps a copy of the queue settings (re-read every {@link
     * #SETTINGS_REFRESH}; a failed read keeps the last copy) and, while one of its queues is
     * limited or paused, pauses only as long as the limit suggests: one token's time for a rate
     * limit, {@link #LIMITED_PAUSE} otherwise, never less than {@link #MIN_LIMITED_PAUSE} nor more
     * than the poll interval. That way a limited queue runs at its configured rate, not at one task
     * per poll.
     */
    private final class Producer extends BackgroundLoop {
        private static final Duration SETTINGS_REFRESH = Duration.ofSeconds(2);
        private static final Duration LIMITED_PAUSE = Duration.ofMillis(250);
        private static final Duration MIN_LIMITED_PAUSE = Duration.ofMillis(20);

        volatile boolean notified;
        private long settingsReadAtNanos;
        private boolean settingsRead;
        private int settingsFailures;
        /** The pause while one of our queues is limited; null while none is. */
        private Duration limitedPause;

        Producer() {
            super("taskforge-producer-" + config.workerId());
        }

        @Override
        protected Duration runOnce() {
            refreshQueueSettings();
            int free = slots.availablePermits();
            if (free == 0) {
                return idlePause(); // a finishing task signals
            }
            int want = Math.min(free, config.claimBatchSize());
            Instant now = Millis.now(clock);
            List<Task> claimed = store.taskClaim(
                    new ClaimParams(config.workerId(), config.queues(), want, now, now.plus(config.leaseDuration())));
            for (Task t : claimed) {
                if (!slots.tryAcquire()) {
                    // Cannot happen while only the producer takes slots; never run past the limit.
                    throw new IllegalStateException("no free slot for a claimed task");
                }
                launch(t);
            }
            // A full batch means more may be waiting: look again at once.
            return claimed.size() == want ? Duration.ZERO : idlePause();
        }

        private Duration idlePause() {
            long base = config.pollInterval().toMillis();
            // With NOTIFY, polling is only a safety net for a lost connection: poll less often.
            if (notified) {
                base *= 5;
            }
            if (limitedPause != null) {
                base = Math.min(base, limitedPause.toMillis());
            }
            long jitter = (long) (base * 0.2 * ThreadLocalRandom.current().nextDouble());
            return Duration.ofMillis(base - jitter);
        }

        private void refreshQueueSettings() {
            long nowNanos = System.nanoTime();
            if (settingsRead && nowNanos - settingsReadAtNanos < SETTINGS_REFRESH.toNanos()) {
                return;
            }
            settingsRead = true;
            settingsReadAtNanos = nowNanos;
            try {
                limitedPause = limitedPause(store.queueSettingsList());
                settingsFailures = 0;
            } catch (RuntimeException e) {
                // Only a hint for the pause: claims enforce the settings whatever this copy says.
                if (settingsFailures++ == 0) {
                    log.warn(
                            "worker {}: could not read the queue settings; keeping the last ones ({})",
                            config.workerId(),
                            e.toString());
                } else {
                    log.debug("worker {}: could not read the queue settings", config.workerId(), e);
                }
            }
        }

        private Duration limitedPause(List<QueueSettings> settings) {
            Duration pause = null;
            for (QueueSettings s : settings) {
                if (!queues.contains(s.name()) || !s.limited()) {
                    continue;
                }
                Duration p = LIMITED_PAUSE;
                if (s.ratePerSecond() != null && s.ratePerSecond() > 0) {
                    p = Duration.ofNanos((long) Math.min(Long.MAX_VALUE, 1e9 / s.ratePerSecond()));
                    if (s.concurrencyLimit() != null && LIMITED_PAUSE.compareTo(p) < 0) {
                        p = LIMITED_PAUSE;
                    }
                }
                if (pause == null || p.compareTo(pause) < 0) {
                    pause = p;
                }
            }
            if (pause == null) {
                return null;
            }
            if (pause.compareTo(MIN_LIMITED_PAUSE) < 0) {
                return MIN_LIMITED_PAUSE;
            }
            return pause.compareTo(config.pollInterval()) > 0 ? config.pollInterval() : pause;
        }
    }

    /**
     * Renews the leases of this worker's running tasks in one statement and records the heartbeat.
     * A task missing from the answer was taken from us (rescued after an outage, deleted): its
     * handler is stopped so that it does not run twice. A task flagged {@code cancelRequested} is
     * cancelled here when the signal from its cancel did not reach this node.
     */
    private final class LeaseKeeper extends BackgroundLoop {
        private Instant leaseValidUntil;

        LeaseKeeper() {
            super("taskforge-leases-" + config.workerId());
        }

        @Override
        protected Duration runOnce() {
            long startedNanos = System.nanoTime();
            Instant now = Millis.now(clock);
            if (leaseValidUntil != null && now.isAfter(leaseValidUntil)) {
                // We could not renew in time: the tasks may already be running elsewhere.
                running.values().forEach(e -> e.stop(StopReason.LEASE_LOST));
            }
            Instant until = now.plus(config.leaseDuration());
            var held = store.taskLeaseRenewMany(config.workerId(), now, until);
            leaseValidUntil = until;
            Set<String> heldIds = new HashSet<>();
            for (var h : held) {
                heldIds.add(h.taskId());
                if (h.cancelRequested()) {
                    onCancelRequested(h.taskId());
                }
            }
            for (Execution e : running.values()) {
                // Executions claimed after this renewal began may not be visible to it yet.
                if (e.claimedAtNanos() < startedNanos
                        && !heldIds.contains(e.task().id())) {
                    log.info(
                            "worker {} lost the lease of task {}; stopping its handler",
                            config.workerId(),
                            e.task().id());
                    e.stop(StopReason.LEASE_LOST);
                }
            }
            registerHeartbeat(WorkerStatus.ACTIVE);
            long jitter = (long) (config.heartbeatInterval().toMillis()
                    * 0.1
                    * ThreadLocalRandom.current().nextDouble());
            return config.heartbeatInterval().minusMillis(jitter);
        }
    }
}
