package io.taskforge.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskforge.server.testing.Http;
import io.taskforge.server.testing.Http.Response;
import io.taskforge.server.testing.SqliteStore;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * JSON answers over real HTTP carry their length, so a small one goes out plain even to a client
 * that accepts gzip (a {@code ResponseEntity} used to be flushed before its length was known, then
 * chunked and gzipped whatever its size), while a large one is still compressed.
 */
@SqliteStore
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JsonAnswerLengthTest {
    @LocalServerPort
    int port;

    Http api;

    @BeforeEach
    void connect() {
        api = new Http(port);
    }

    @Test
    void a_created_task_is_answered_with_its_length_and_not_compressed() {
        Response created = api.post("/api/v1/tasks", "{\"type\":\"noop\"}", "Accept-Encoding", "gzip");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Content-Encoding")).isEmpty();
        assertThat(created.header("Transfer-Encoding")).isEmpty();
        assertThat(created.header("Content-Length"))
                .hasValue(Integer.toString(created.body().getBytes(StandardCharsets.UTF_8).length));
        assertThat(created.json().get("status").asString()).isEqualTo("QUEUED");
    }

    @Test
    void a_problem_answer_carries_its_length_too() {
        Response missing = api.get("/api/v1/tasks/no-such-task", "Accept-Encoding", "gzip");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.header("Content-Length"))
                .hasValue(Integer.toString(missing.body().getBytes(StandardCharsets.UTF_8).length));
    }

    @Test
    void a_large_answer_is_still_compressed_for_a_client_that_accepts_gzip() {
        StringBuilder batch = new StringBuilder("{\"tasks\":[");
        for (int i = 0; i < 20; i++) {
            batch.append(i == 0 ? "" : ",")
                    .append("{\"type\":\"noop\",\"title\":\"task ")
                    .append(i)
                    .append("\"}");
        }
        Response stored = api.post("/api/v1/tasks/batch", batch.append("]}").toString());
        assertThat(stored.status()).as(stored.toString()).isEqualTo(201);
        assertThat(stored.header("Content-Length")).isPresent();

        Response list = api.get("/api/v1/tasks?limit=20", "Accept-Encoding", "gzip");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.header("Content-Encoding")).hasValue("gzip");
    }
}
