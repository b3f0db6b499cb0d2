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
        assertThatThrownBy(() ->
                        EngineConfig.builder().finishedRetention(Duration.ZERO).build())
                .hasMessageContaining("finishedRetention");
        assertThatThrownBy(() -> EngineConfig.builder()
                        .failedRetention(Duration.ofDays(-1))
                        .build())
                .hasMessageContaining("failedRetention");
    }

    @Test
    void claims_for_every_free_slot_up_to_a_thousand_unless_told_otherwise() {
        assertThat(EngineConfig.builder().concurrency(8).build().claimBatchSize())
                .isEqualTo(8);
        assertThat(EngineConfig.builder().concurrency(5000).build().claimBatchSize())
                .isEqualTo(EngineConfig.DEFAULT_MAX_CLAIM_BATCH);
        assertThat(EngineConfig.builder()
                        .concurrency(8)
                        .claimBatchSize(3)
                        .build()
                        .claimBatchSize())
                .isEqualTo(3);
    }

    @Test
    void keeps_a_week_of_finished_tasks_and_a_month_of_failed_ones_by_default_and_forever_when_told() {
        EngineConfig defaults = EngineConfig.builder().build();
        assertThat(defaults.finishedRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(defaults.failedRetention()).isEqualTo(Duration.ofDays(30));
        EngineConfig forever = EngineConfig.builder()
                .finishedRetention(null)
                .failedRetention(null)
                .build();
        assertThat(forever.finishedRetention()).isNull();
        assertThat(forever.toBuilder().build().failedRetention()).isNull();
    }
}
