package io.taskforge.engine;

import io.taskforge.client.TaskDefaults;
import io.taskforge.client.TaskforgeClient;
import io.taskforge.event.EngineListener;
import io.taskforge.handler.TaskHandler;
import io.taskforge.json.JsonCodec;
import io.taskforge.store.StoreListener;
import io.taskforge.store.TaskStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine of one process: a {@link TaskforgeClient} to submit and manage tasks, a worker that
 * runs them (unless disabled), and the leader duties (unless disabled). This is what applications
 * embed:
 *
 * <pre>{@code
 * TaskStore store = JdbcStores.sqlite(Path.of("data/taskforge.db"));
 * try (Taskforge tf = Taskforge.builder(store).handler(new ReportHandler()).build()) {
 *     tf.start();
 *     tf.client().submit("report.export", Map.of("month", "2026-10"));
 *     ...
 * }
 * }</pre>
 *
 * <p>{@link #close()} stops in two phases (stop claiming, let running tasks finish within the
 * grace period, then interrupt and give back the rest) and closes the store.
 */
public final class Taskforge implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Taskforge.class);

    private final TaskStore store;
    private final EngineConfig config;
    private final TaskforgeClient client;
    private final Worker worker;
    private final Maintenance maintenance;
    private final List<LeaderDutyLoop> duties = new ArrayList<>();
    private final boolean closeStore;
    private AutoCloseable subscription;
    private boolean started;
    private boolean stopped;

    private Taskforge(Builder b) {
        this.store = b.store;
        this.config = b.config;
        this.closeStore = b.closeStore;
        this.client = new TaskforgeClient(b.store, b.json, b.clock, b.defaults, b.listener);
        HandlerRegistry handlers = new HandlerRegistry(b.handlers);
        this.worker = config.workerEnabled() ? new Worker(store, b.json, b.clock, config, handlers, b.listener) : null;
        this.maintenance = config.maintenanceEnabled() ? new Maintenance(store, b.clock, config) : null;
        if (config.maintenanceEnabled()) {
            Set<String> names = new HashSet<>(Set.of(Maintenance.LEADERSHIP));
            for (Function<TaskforgeClient, LeaderDuty> factory : b.duties) {
                LeaderDuty duty = Objects.requireNonNull(factory.apply(client), "leader duty");
                if (!names.add(duty.name())) {
                    throw new IllegalArgumentException("two leader duties are named '" + duty.name() + "'");
                }
                duties.add(new LeaderDutyLoop(duty, store, b.clock, config));
            }
        }
    }

    public static Builder builder(TaskStore store) {
        return new Builder(store);
    }

    public TaskforgeClient client() {
        return client;
    }

    public EngineConfig config() {
        return config;
    }

    public TaskStore store() {
        return store;
    }

    /** The worker's live view, when this process runs one. */
    public Optional<WorkerView> worker() {
        return Optional.ofNullable(worker);
    }

    /** Starts the worker and the leader duties; returns at once. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        subscription = store.subscribe(new StoreListener() {
            @Override
            public void taskQueued(String queue) {
                if (worker != null) {
                    worker.onTaskQueued(queue);
                }
            }

            @Override
            public void cancelRequested(String taskId) {
                if (worker != null) {
                    worker.onCancelRequested(taskId);
                }
            }
        });
        if (maintenance != null) {
            maintenance.start();
        }
        duties.forEach(LeaderDutyLoop::start);
        if (worker != null) {
            worker.start(store.hearsOtherProcesses());
        }
        log.info(
                "Taskforge engine started: worker {} (queues {}, concurrency {}), leader duties {}{}",
                worker == null ? "off" : config.workerId(),
                config.queues(),
                config.concurrency(),
                maintenance == null ? "off" : "on",
                duties.isEmpty()
                        ? ""
                        : " " + duties.stream().map(LeaderDutyLoop::dutyName).toList());
    }

    /** Stops with the configured grace period; the store stays open. */
    public void stop() {
        stop(config.shutdownGrace());
    }

    /**
     * Stops claiming, lets running tasks finish for up to {@code grace}, then interrupts the rest
     * and gives them back to their queue so another worker starts them at once.
     */
    public synchronized void stop(Duration grace) {
        if (!started || stopped) {
            return;
        }
        stopped = true;
        if (worker != null) {
            worker.stop(grace);
        }
        if (maintenance != null) {
            maintenance.stop();
        }
        duties.forEach(LeaderDutyLoop::stop);
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                log.debug("closing the store subscription failed", e);
            }
        }
        log.info("Taskforge engine stopped");
    }

    /** Stops (see {@link #stop()}) and closes the store if the builder was told to. */
    @Override
    public void close() {
        stop();
        if (closeStore) {
            store.close();
        }
    }

    public static final class Builder {
        private final TaskStore store;
        private JsonCodec json;
        private Clock clock = Clock.systemUTC();
        private TaskDefaults defaults = TaskDefaults.STANDARD;
        private EngineConfig config;
        private final List<TaskHandler> handlers = new ArrayList<>();
        private boolean closeStore = true;
        private EngineListener listener = EngineListener.NONE;
        private final List<Function<TaskforgeClient, LeaderDuty>> duties = new ArrayList<>();

        private Builder(TaskStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        public Builder json(JsonCodec v) {
            json = v;
            return this;
        }

        public Builder clock(Clock v) {
            clock = Objects.requireNonNull(v);
            return this;
        }

        public Builder defaults(TaskDefaults v) {
            defaults = Objects.requireNonNull(v);
            return this;
        }

        public Builder config(EngineConfig v) {
            config = Objects.requireNonNull(v);
            return this;
        }

        public Builder handler(TaskHandler h) {
            handlers.add(Objects.requireNonNull(h));
            return this;
        }

        public Builder handlers(List<? extends TaskHandler> hs) {
            hs.forEach(this::handler);
            return this;
        }

        /** Hears submissions, starts and ends of attempts (metrics, tracing). */
        public Builder listener(EngineListener v) {
            listener = Objects.requireNonNull(v);
            return this;
        }

        /**
         * Adds a duty that one process of the cluster does at a time (firing schedules), run while
         * this engine competes for leader duties ({@link EngineConfig#maintenanceEnabled()}). The
         * factory is called once, when the engine is built, with the engine's client.
         */
        public Builder leaderDuty(Function<TaskforgeClient, LeaderDuty> factory) {
            duties.add(Objects.requireNonNull(factory));
            return this;
        }

        /** Whether {@link Taskforge#close()} closes the store too (default true). */
        public Builder closeStore(boolean v) {
            closeStore = v;
            return this;
        }

        public Taskforge build() {
            if (json == null) {
                json = JsonCodec.load();
            }
            if (config == null) {
                config = EngineConfig.builder().build();
            }
            return new Taskforge(this);
        }
    }
}
