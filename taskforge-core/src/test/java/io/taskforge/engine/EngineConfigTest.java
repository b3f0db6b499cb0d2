package io.taskforge.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EngineConfigTest {

    @Test
    void defaults_are_a_thirty_second_lease_renewed_every_ten_seconds() {
        EngineConfig c = EngineConfig.builder().build();
        assertThat(c.leaseDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.heartbeatInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.queues()).containsExactly("default");
        assertThat(c.workerId()).contains(String.valueOf(ProcessHandle.current().pid()));
    }

    @Test
    void rejects_a_heartbeat_that_could_miss_the_lease_naming_the_setting() {
        assertThatThrownBy(() -> EngineConfig.builder()
                        .leaseDuration(Duration.ofSeconds(10))
                        .heartbeatInterval(Duration.ofSeconds(5))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("heartbeatInterval");
    }

    @Test
    void rejects_out_of_range_settings_naming_them() {
        assertThatThrownBy(() -> EngineConfig.builder().concurrency(0).build()).hasMessageContaining("concurrency");
        assertThatThrownBy(() -> EngineConfig.builder().queues("bad queue").build())
                .hasMessageContaining("queues");
        assertThatThrownBy(() -> EngineConfig.builder().queues(new String[0]).build())
                .hasMessageContaining("queues");
        assertThatThrownBy(() -> EngineConfig.builder().claimBatchSize(0).build())
                .hasMessageContaining("claimBatchSize");
    }
}
