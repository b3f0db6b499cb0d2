package io.taskforge.server.worker;

import io.taskforge.store.TaskStore;
import io.taskforge.worker.WorkerRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The worker registry over the engine's store. */
@Configuration(proxyBeanMethods = false)
class WorkerConfiguration {

    @Bean
    WorkerRegistry taskforgeWorkerRegistry(TaskStore store) {
        return new WorkerRegistry(store);
    }
}
