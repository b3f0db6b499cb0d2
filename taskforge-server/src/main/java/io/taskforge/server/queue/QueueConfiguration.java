package io.taskforge.server.queue;

import io.taskforge.queue.QueueService;
import io.taskforge.store.TaskStore;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The queue controls over the engine's store. */
@Configuration(proxyBeanMethods = false)
class QueueConfiguration {

    @Bean
    QueueService taskforgeQueueService(TaskStore store) {
        return new QueueService(store, Clock.systemUTC());
    }
}
