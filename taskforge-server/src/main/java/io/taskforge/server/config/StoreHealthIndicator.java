package io.taskforge.server.config;

import io.taskforge.store.TaskStore;
import java.util.UUID;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * The {@code db} component of {@code /actuator/health} and of the readiness group: a read through
 * the store (a task lookup by a random id, which finds nothing) proves the pool hands out working
 * connections and the schema is there.
 */
@Component("dbHealthIndicator")
class StoreHealthIndicator extends AbstractHealthIndicator {
    private final TaskStore store;
    private final String database;

    StoreHealthIndicator(TaskStore store, TaskforgeProperties properties) {
        super("the task store is not reachable");
        this.store = store;
        this.database = StoreUrls.kind(properties.storeUrl());
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        store.taskGet(UUID.randomUUID().toString());
        builder.up().withDetail("database", database);
    }
}
