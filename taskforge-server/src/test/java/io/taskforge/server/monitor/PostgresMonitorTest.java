package io.taskforge.server.monitor;

import io.taskforge.testkit.PostgresTestDatabase;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The monitoring contract on PostgreSQL: a database of its own, dropped when the application context
 * closes. No reachable server fails the class; it never skips.
 */
@Import(PostgresMonitorTest.DatabaseLifecycle.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PostgresMonitorTest extends MonitorContract {
    private static PostgresTestDatabase database;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        database = PostgresTestDatabase.create();
        registry.add("taskforge.db", database::jdbcUrl);
    }

    /** Drops the database after the store closed its pool: the store bean depends on it. */
    @TestConfiguration(proxyBeanMethods = false)
    static class DatabaseLifecycle {
        @Bean(destroyMethod = "close")
        PostgresTestDatabase postgresTestDatabase() {
            return database;
        }

        @Bean
        static BeanFactoryPostProcessor storeDependsOnTheDatabase() {
            return beanFactory -> beanFactory.getBeanDefinition("taskStore").setDependsOn("postgresTestDatabase");
        }
    }
}
