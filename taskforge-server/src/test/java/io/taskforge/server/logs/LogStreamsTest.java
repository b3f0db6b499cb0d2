package io.taskforge.server.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.taskforge.client.TaskDefaults;
import io.taskforge.client.TaskforgeClient;
import io.taskforge.json.JsonCodec;
import io.taskforge.server.config.TaskforgeProperties;
import io.taskforge.server.testing.TestData;
import io.taskforge.store.TaskStore;
import io.taskforge.store.jdbc.JdbcStores;
import io.taskforge.task.NewTask;
import io.taskforge.task.Task;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.json.JsonMapper;

class LogStreamsTest {

    @Test
    void pretty_printed_json_becomes_one_line_and_stays_the_same_json() {
        String pretty = "{\n  \"a\": [1,\r\n 2],\n  \"s\": \"line\\nbreak\"\n}";
        String line = LogStreams.oneLine(pretty);
        assertThat(line).doesNotContain("\n").doesNotContain("\r");
        JsonMapper json = JsonMapper.builder().build();
        assertThat(json.readTree(line)).isEqualTo(json.readTree(pretty));
    }

    @Test
    void compact_json_is_left_alone() {
        String compact = "{\"a\":1}";
        assertThat(LogStreams.oneLine(compact)).isSameAs(compact);
    }

    @Test
    void the_number_of_open_streams_is_bounded_and_shutdown_closes_them_all() throws Exception {
        Path dir = TestData.directory("streams-");
        try (TaskStore store = JdbcStores.sqlite(dir.resolve("taskforge.db"))) {
            TaskforgeClient client =
                    new TaskforgeClient(store, JsonCodec.load(), Clock.systemUTC(), TaskDefaults.STANDARD);
            // Nobody serves this queue: the task stays QUEUED and its stream stays open.
            Task task = client.submit(NewTask.ofType("noop").queue("nobody").build());
            var properties = new TaskforgeProperties(
                    null,
                    dir,
                    new TaskforgeProperties.Worker(
                            true,
                            null,
                            null,
                            null,
                            List.of("default"),
                            Duration.ofSeconds(1),
                            Duration.ofSeconds(30),
                            Duration.ofSeconds(10),
                            Duration.ofSeconds(1)),
                    new TaskforgeProperties.Handlers(new TaskforgeProperties.Shell(true)),
                    new TaskforgeProperties.Api(
                            DataSize.ofMegabytes(2),
                            DataSize.ofMegabytes(64),
                            2,
                            Duration.ofMillis(20),
                            Duration.ofMillis(50),
                            Duration.ofHours(1)),
                    new TaskforgeProperties.Retention(Duration.ofDays(7), Duration.ofDays(30), Duration.ofDays(365)),
                    null);
            LogStreams streams = new LogStreams(store, JsonMapper.builder().build(), properties);
            streams.start();

            streams.open(task, 0);
            streams.open(task, 0);
            assertThatThrownBy(() -> streams.open(task, 0))
                    .isInstanceOfSatisfying(
                            ErrorResponseException.class,
                            e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
            assertThat(streams.openStreams()).isEqualTo(2);

            streams.stop();
            await().atMost(Duration.ofSeconds(30)).until(() -> streams.openStreams() == 0);
            assertThatThrownBy(() -> streams.open(task, 0)).isInstanceOf(ErrorResponseException.class);
        }
    }
}
