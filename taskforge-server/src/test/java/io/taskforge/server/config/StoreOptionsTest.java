package io.taskforge.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code taskforge.db-pool-size}, bound as Spring binds it, reaches the store's options. */
class StoreOptionsTest {

    private static TaskforgeProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("taskforge", TaskforgeProperties.class);
    }

    @Test
    void without_a_pool_size_the_store_chooses() {
        assertThat(EngineConfiguration.storeOptions(bind(Map.of())).maxPoolSize())
                .isZero();
    }

    @Test
    void a_pool_size_sizes_the_store_pool() {
        TaskforgeProperties properties = bind(Map.of("taskforge.db-pool-size", "24"));

        assertThat(EngineConfiguration.storeOptions(properties).maxPoolSize()).isEqualTo(24);
    }

    @Test
    void a_pool_size_out_of_range_is_refused_with_its_name() {
        assertThatThrownBy(() -> bind(Map.of("taskforge.db-pool-size", "0")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("taskforge.db-pool-size must be 1..1000, was 0");
    }
}
