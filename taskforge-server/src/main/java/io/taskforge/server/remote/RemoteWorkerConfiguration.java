package io.taskforge.server.remote;

import io.taskforge.engine.EngineConfig;
import io.taskforge.event.EngineListener;
import io.taskforge.json.JsonCodec;
import io.taskforge.remote.RemoteWorkers;
import io.taskforge.server.metrics.EngineListeners;
import io.taskforge.store.TaskStore;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The remote-worker service: the engine's store and retry policy, so remote failures retry exactly
 * as in-process ones do, and the application's {@link EngineListener}s (metrics), which count remote
 * attempts like the engine's own.
 */
@Configuration(proxyBeanMethods = false)
class RemoteWorkerConfiguration {

    @Bean
    RemoteWorkers remoteWorkers(
            TaskStore store, JsonCodec json, EngineConfig config, ObjectProvider<EngineListener> listener) {
        return new RemoteWorkers(
                store,
                json,
                Clock.systemUTC(),
                config.retryPolicy(),
                EngineListeners.of(listener.orderedStream().toList()));
    }
}
