package io.taskforge.server.config;

import io.taskforge.audit.AuditRetention;
import io.taskforge.audit.AuditStore;
import io.taskforge.auth.AuthStore;
import io.taskforge.client.TaskforgeClient;
import io.taskforge.engine.EngineConfig;
import io.taskforge.engine.Taskforge;
import io.taskforge.event.EngineListener;
import io.taskforge.handler.TaskHandler;
import io.taskforge.handler.builtin.BuiltinHandlers;
import io.taskforge.json.JsonCodec;
import io.taskforge.pipeline.PipelineStore;
import io.taskforge.schedule.PipelineRunLauncher;
import io.taskforge.schedule.ScheduleFirer;
import io.taskforge.schedule.ScheduleStore;
import io.taskforge.script.ParameterSchemas;
import io.taskforge.script.ScriptService;
import io.taskforge.script.ScriptStore;
import io.taskforge.server.metrics.EngineListeners;
import io.taskforge.store.StoreException;
import io.taskforge.store.TaskStore;
import io.taskforge.store.jdbc.JdbcStoreOptions;
import io.taskforge.store.jdbc.JdbcStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine of this process: the store opened from {@code taskforge.db}, the built-in handlers plus
 * any {@link TaskHandler} beans of the application, and the {@link Taskforge} engine, started and
 * stopped by {@link EngineLifecycle}. The store is closed last, when the context is destroyed.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TaskforgeProperties.class)
class EngineConfiguration {
    private static final Logger log = LoggerFactory.getLogger(EngineConfiguration.class);

    @Bean
    JsonCodec taskforgeJsonCodec() {
        return JsonCodec.load();
    }

    @Bean(destroyMethod = "close")
    TaskStore taskStore(TaskforgeProperties properties) {
        if (properties.usesDefaultStore()) {
            Path dir = properties.sqliteFile().getParent();
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new StoreException("cannot create the data directory " + dir + ": " + e.getMessage(), e);
            }
        }
        return JdbcStores.open(properties.storeUrl(), storeOptions(properties));
    }

    static JdbcStoreOptions storeOptions(TaskforgeProperties properties) {
        JdbcStoreOptions options = JdbcStoreOptions.defaults();
        return properties.dbPoolSize() == null ? options : options.withMaxPoolSize(properties.dbPoolSize());
    }

    /** Scripts live beside the tasks: the same database, pool and SQLite writer queue. */
    @Bean
    ScriptStore scriptStore(TaskStore store) {
        return JdbcStores.scripts(store);
    }

    /** Pipelines live beside the tasks too; their runs advance in the task store's transactions. */
    @Bean
    PipelineStore pipelineStore(TaskStore store) {
        return JdbcStores.pipelines(store);
    }

    /** Schedules too: a fire and the task it creates are one transaction of this database. */
    @Bean
    ScheduleStore scheduleStore(TaskStore store) {
        return JdbcStores.schedules(store);
    }

    /** Tenants, users and keys too, so a backup of the database holds who may use it. */
    @Bean
    AuthStore authStore(TaskStore store) {
        return JdbcStores.auth(store);
    }

    /** The audit log too: its batches queue with the other writers of the database. */
    @Bean
    AuditStore auditStore(TaskStore store) {
        return JdbcStores.audit(store);
    }

    @Bean
    EngineConfig engineConfig(TaskforgeProperties properties) {
        TaskforgeProperties.Worker worker = properties.worker();
        EngineConfig.Builder builder = EngineConfig.builder()
                .workerEnabled(worker.enabled())
                .queues(worker.queues())
                .shutdownGrace(worker.shutdownGrace())
                .leaseDuration(worker.leaseDuration())
                .heartbeatInterval(worker.heartbeatInterval())
                .pollInterval(worker.pollInterval())
                .finishedRetention(keepForeverIfZero(properties.retention().finished()))
                .failedRetention(keepForeverIfZero(properties.retention().failed()));
        if (worker.id() != null && !worker.id().isBlank()) {
            builder.workerId(worker.id());
        }
        if (worker.concurrency() != null) {
            builder.concurrency(worker.concurrency());
        }
        if (worker.claimBatchSize() != null) {
            builder.claimBatchSize(worker.claimBatchSize());
        }
        return builder.build();
    }

    private static Duration keepForeverIfZero(Duration d) {
        return d == null || d.isZero() ? null : d;
    }

    @Bean
    Taskforge taskforge(
            TaskStore store,
            ScriptStore scripts,
            ScheduleStore schedules,
            AuditStore audit,
            ParameterSchemas parameterSchemas,
            ObjectProvider<PipelineRunLauncher> pipelines,
            JsonCodec json,
            EngineConfig config,
            TaskforgeProperties properties,
            ObjectProvider<TaskHandler> applicationHandlers,
            ObjectProvider<EngineListener> listeners) {
        Clock clock = Clock.systemUTC();
        List<TaskHandler> handlers = handlers(
                json, scripts, properties, applicationHandlers.orderedStream().toList());
        Taskforge.Builder builder = Taskforge.builder(store)
                .json(json)
                .clock(clock)
                .config(config)
                .handlers(handlers)
                // The store is a bean of its own and is closed after the engine stopped.
                .closeStore(false)
                // Metrics (io.taskforge.server.metrics) and whatever else hears the engine.
                .listener(EngineListeners.of(listeners.orderedStream().toList()))
                // The leader fires schedules. Its script service is made with the engine's own
                // client (the ScriptService bean is made from this engine, so it cannot be used here).
                .leaderDuty(client -> new ScheduleFirer(
                        schedules,
                        client,
                        new ScriptService(scripts, client, parameterSchemas, json, clock),
                        pipelines.getIfAvailable()));
        // The leader keeps the audit log to its retention period, like the task history.
        Duration auditRetention = keepForeverIfZero(properties.retention().audit());
        if (auditRetention != null) {
            builder.leaderDuty(client -> new AuditRetention(audit, auditRetention));
        }
        return builder.build();
    }

    @Bean
    TaskforgeClient taskforgeClient(Taskforge taskforge) {
        return taskforge.client();
    }

    @Bean
    EngineLifecycle taskforgeEngineLifecycle(Taskforge taskforge, TaskforgeProperties properties) {
        return new EngineLifecycle(taskforge, properties.worker().shutdownGrace());
    }

    /** The built-in handlers, except those an application bean replaces, then the application's. */
    static List<TaskHandler> handlers(
            JsonCodec json, ScriptStore scripts, TaskforgeProperties properties, List<TaskHandler> beans) {
        Set<String> replaced = new HashSet<>();
        for (TaskHandler h : beans) {
            if (!replaced.add(h.type())) {
                throw new IllegalStateException("two TaskHandler beans serve the task type '" + h.type() + "'");
            }
        }
        // Switching shell off also switches off script: running a stored script is running code too.
        boolean shell = properties.handlers().shell().enabled();
        List<TaskHandler> handlers = new ArrayList<>();
        for (TaskHandler h : BuiltinHandlers.all(json, shell, scripts)) {
            if (replaced.contains(h.type())) {
                log.info("The application's handler replaces the built-in handler for '{}'", h.type());
            } else {
                handlers.add(h);
            }
        }
        handlers.addAll(beans);
        return handlers;
    }
}
