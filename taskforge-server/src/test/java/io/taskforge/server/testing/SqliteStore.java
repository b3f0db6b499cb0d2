package io.taskforge.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactories;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Runs a {@code @SpringBootTest} class on the default store: a SQLite file in a fresh data
 * directory ({@link TestData#directory}) named after the class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ContextCustomizerFactories(SqliteStore.Factory.class)
public @interface SqliteStore {

    final class Factory implements ContextCustomizerFactory {
        @Override
        public ContextCustomizer createContextCustomizer(
                Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
            return new DataDirectory(testClass);
        }
    }

    /** One per test class: part of the context's cache key, so no two classes share a data directory. */
    record DataDirectory(Class<?> testClass) implements ContextCustomizer {
        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            try {
                String dataDir =
                        TestData.directory(testClass.getSimpleName() + "-").toString();
                context.getEnvironment()
                        .getPropertySources()
                        .addFirst(new MapPropertySource(
                                "sqliteStore", TestData.serverProperties("taskforge.data-dir", dataDir)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
