package io.taskforge.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskforge.server.testing.Http;
import io.taskforge.server.testing.Http.Response;
import io.taskforge.server.testing.TestData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The per-caller rate limit, set low: a burst past it is answered 429 with Retry-After. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "taskforge.security.admin-password=" + TestData.ADMIN_PASSWORD,
            "taskforge.security.rate-limit.requests-per-second=2",
            "taskforge.security.rate-limit.burst=5",
            "taskforge.worker.queues=default",
        })
class RateLimitTest {
    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) throws IOException {
        String dir = TestData.directory("rate-limit-").toString();
        registry.add("taskforge.data-dir", () -> dir);
    }

    @Test
    void a_caller_past_its_burst_gets_429_with_retry_after_and_others_are_not_slowed() {
        Http admin = new Http(port);
        Response created = admin.post("/api/v1/api-keys", "{\"name\": \"other\", \"role\": \"VIEWER\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String key = created.json().get("key").asString();
        List<Integer> statuses = new ArrayList<>();
        Response limited = null;
        for (int i = 0; i < 12; i++) {
            Response r = admin.get("/api/v1/tasks?limit=1");
            statuses.add(r.status());
            if (r.status() == 429) {
                limited = r;
            }
        }
        assertThat(statuses).as("a burst of 5 at 2/s").contains(200).contains(429);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(limited.json().get("type").asString()).isEqualTo("urn:taskforge:problem:rate-limited");
        assertThat(Long.parseLong(limited.header("Retry-After").orElseThrow())).isBetween(1L, 2L);

        // A key is a caller of its own, with a bucket of its own.
        assertThat(admin.as(key).get("/api/v1/tasks?limit=1").status()).isEqualTo(200);
    }
}
