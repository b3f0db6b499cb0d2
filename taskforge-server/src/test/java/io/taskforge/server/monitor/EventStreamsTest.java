package io.taskforge.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.taskforge.server.testing.TestData;
import io.taskforge.store.TaskStore;
import io.taskforge.store.jdbc.JdbcStores;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.json.JsonMapper;

class EventStreamsTest {

    @Test
    void the_number_of_open_streams_is_bounded_and_shutdown_closes_them_all() throws Exception {
        Path dir = TestData.directory("events-");
        try (TaskStore store = JdbcStores.sqlite(dir.resolve("taskforge.db"))) {
            var properties = new MonitorProperties(
                    2, Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofHours(1), Duration.ofSeconds(5));
            EventStreams streams = new EventStreams(store, JsonMapper.builder().build(), properties);
            streams.start();

            streams.open(null, ChangeFilter.ALL);
            streams.open(0L, ChangeFilter.ALL);
            assertThatThrownBy(() -> streams.open(null, ChangeFilter.ALL))
                    .isInstanceOfSatisfying(
                            ErrorResponseException.class,
                            e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
            assertThat(streams.openStreams()).isEqualTo(2);

            streams.stop();
            await().atMost(Duration.ofSeconds(30)).until(() -> streams.openStreams() == 0);
            assertThatThrownBy(() -> streams.open(null, ChangeFilter.ALL)).isInstanceOf(ErrorResponseException.class);
        }
    }

    @Test
    void pretty_printed_json_becomes_one_line_and_stays_the_same_json() {
        String pretty = "{\n  \"a\": [1,\r\n 2],\n  \"s\": \"line\\nbreak\"\n}";
        String line = EventStreams.oneLine(pretty);
        assertThat(line).doesNotContain("\n").doesNotContain("\r");
        JsonMapper json = JsonMapper.builder().build();
        assertThat(json.readTree(line)).isEqualTo(json.readTree(pretty));
    }
}
