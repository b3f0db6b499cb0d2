package io.taskforge.server.monitor;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.taskforge.server.auth.CurrentCaller;
import io.taskforge.store.TaskStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** API.md "Monitoring": the process, the tasks and the API, as numbers for a dashboard. */
@RestController
@RequestMapping(path = "/api/v1/monitor", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Monitoring")
class MonitorController {
    private final TaskStore store;
    private final SystemProbe system;
    private final ApiRequestStats apis;
    private final CurrentCaller caller;
    private final Clock clock = Clock.systemUTC();

    MonitorController(TaskStore store, SystemProbe system, ApiRequestStats apis, CurrentCaller caller) {
        this.store = store;
        this.system = system;
        this.apis = apis;
        this.caller = caller;
    }

    @Operation(
            summary = "This server process and its host",
            description = "CPU (cores, process and host load), memory (heap, non-heap, host), disk of the data"
                    + " directory, the JVM (version, threads, virtual-thread scheduler, garbage collectors) and uptime."
                    + " Cheap to read: no sampling.")
    @ApiResponse(responseCode = "200", description = "a snapshot taken now")
    @GetMapping("/system")
    SystemSnapshot system() {
        return system.snapshot();
    }

    @Operation(
            summary = "Task counts, throughput and run times",
            description =
                    "Of the caller's tenant. Counts by status now; over the window: tasks finished SUCCEEDED and FAILED per minute"
                            + " (from task history, by finish time) and run-time percentiles (p50, p95, p99, max) by type."
                            + " The work grows with the window, not with the history kept.")
    @ApiResponse(responseCode = "200", description = "the statistics")
    @ApiResponse(
            responseCode = "400",
            description = "`window` is not 1m..7d in minutes (m), hours (h) or days (d)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @GetMapping("/tasks")
    TaskStatsResponse tasks(
            @Parameter(
                            description = "how far back throughput and run times go: a whole number of minutes,"
                                    + " hours or days, 1m..7d",
                            schema = @Schema(defaultValue = StatsWindow.DEFAULT, example = "24h"))
                    @RequestParam(required = false)
                    String window) {
        StatsWindow w = StatsWindow.parse(window);
        Instant until = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant since = until.minus(w.duration());
        return TaskStatsResponse.of(w, since, until, store.taskStats(caller.tenantId(), since, until));
    }

    @Operation(
            summary = "Requests and latency per endpoint",
            description = "For each endpoint (method and route template) since this process started: requests,"
                    + " client errors (4xx), server errors (5xx) and latency percentiles (p50, p95, p99, max)."
                    + " Counted per process: behind a load balancer each server answers for itself.")
    @ApiResponse(responseCode = "200", description = "every endpoint that was called, by route and method")
    @GetMapping("/apis")
    ApiStatsResponse apis() {
        return new ApiStatsResponse(apis.since(), apis.snapshot());
    }
}
