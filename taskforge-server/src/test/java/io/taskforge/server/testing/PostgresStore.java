package io.taskforge.server.testing;

import io.taskforge.testkit.PostgresTestDatabase;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactories;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Runs a {@code @SpringBootTest} class on PostgreSQL: a database of its own ({@link
 * PostgresTestDatabase}), created with the application context and dropped when it closes, after
 * the class. No reachable server fails the class; it never skips.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ContextCustomizerFactories(PostgresStore.Factory.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public @interface PostgresStore {

    final class Factory implements ContextCustomizerFactory {
        @Override
        public ContextCustomizer createContextCustomizer(
                Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
            return new Database(testClass);
        }
    }

    /** One per test class: part of the context's cache key, so no two classes share a database. */
    record Database(Class<?> testClass) implements ContextCustomizer {
        private static final String BEAN = "postgresTestDatabase";

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            PostgresTestDatabase database = PostgresTestDatabase.create();
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "postgresStore", TestData.serverProperties("taskforge.db", database.jdbcUrl())));
            // A bean, so the context drops the database when it closes; after the store closed its
            // pool, because the store depends on it and Spring destroys dependents first.
            ((GenericApplicationContext) context)
                    .registerBean(
                            BEAN,
                            PostgresTestDatabase.class,
                            () -> database,
                            bean -> bean.setDestroyMethodName("close"));
            context.addBeanFactoryPostProcessor(
                    beanFactory -> beanFactory.getBeanDefinition("taskStore").setDependsOn(BEAN));
        }
    }
}
