package io.taskforge.server.monitor;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** What {@code GET /monitor/apis} answers. */
@Schema(description = "Requests per endpoint since this server process started")
record ApiStatsResponse(
        @Schema(description = "when counting started: the start of this process", example = "2026-11-23T08:00:00Z")
        Instant since,

        List<EndpointStats> items) {

    @Schema(
            description = "One endpoint: method and route template. Percentiles are within 1% of the exact value;"
                    + " for streams (Server-Sent Events) the latency is how long the stream stayed open.")
    record EndpointStats(
            @Schema(example = "GET") String method,

            @Schema(
                    description = "the route template; `(no route)` for requests that matched none",
                    example = "/api/v1/tasks/{id}")
            String route,

            @Schema(example = "1520") long count,

            @Schema(description = "answers 400-499", example = "12")
            long clientErrors,

            @Schema(description = "answers 500-599", example = "0")
            long serverErrors,

            @Schema(example = "2.1") double p50Millis,
            @Schema(example = "8.4") double p95Millis,
            @Schema(example = "15.0") double p99Millis,
            @Schema(example = "120.3") double maxMillis) {}
}
