package io.taskforge.server.worker;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.taskforge.store.WorkerRecord;
import io.taskforge.store.WorkerStatus;
import io.taskforge.worker.WorkerRegistry;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The worker half of API.md's "Queues and workers": the worker registry. */
@RestController
@RequestMapping(path = "/api/v1/workers", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
        name = "Workers",
        description = "The worker processes of the cluster (in-process workers of servers, `taskforge worker`"
                + " processes, remote workers), as they registered and heartbeat.")
class WorkerController {
    private final WorkerRegistry registry;

    WorkerController(WorkerRegistry registry) {
        this.registry = registry;
    }

    @Schema(name = "Worker", description = "A registered worker process and the tasks it runs now.")
    record WorkerResponse(
            @Schema(example = "build01-4242-a1b2") String id,
            @Schema(example = "build01") String host,

            @Schema(description = "the process id on its host (0 when a remote worker did not tell)", example = "4242")
            long pid,

            @ArraySchema(schema = @Schema(example = "default"))
            List<String> queues,

            @Schema(description = "slots: most tasks it runs at once", example = "8")
            int concurrency,

            @Schema(description = "slots in use at its last heartbeat", example = "3")
            int busy,

            Instant startedAt,
            Instant lastHeartbeatAt,

            @Schema(
                    description = "ACTIVE; LOST when it missed its heartbeats (its tasks are rescued once their"
                            + " leases run out); STOPPED when it shut down cleanly",
                    example = "ACTIVE")
            WorkerStatus status,

            @ArraySchema(
                    arraySchema = @Schema(description = "ids of the tasks RUNNING for it now, in id order"),
                    schema = @Schema(example = "0190d5c4-7a3e-7b1c-9d2e-3f4a5b6c7d8e"))
            List<String> runningTaskIds) {

        static WorkerResponse of(WorkerRegistry.RegisteredWorker r) {
            WorkerRecord w = r.worker();
            return new WorkerResponse(
                    w.id(),
                    w.host(),
                    w.pid(),
                    w.queues(),
                    w.concurrency(),
                    w.busy(),
                    w.startedAt(),
                    w.lastHeartbeatAt(),
                    w.status(),
                    r.runningTaskIds());
        }
    }

    @Schema(name = "WorkerListResponse", description = "Every registered worker, by id, whatever its status.")
    record WorkerListResponse(List<WorkerResponse> items) {}

    @Operation(operationId = "listWorkers", summary = "List registered workers with their running tasks")
    @ApiResponse(responseCode = "200", description = "the workers, by id")
    @GetMapping
    WorkerListResponse list() {
        return new WorkerListResponse(
                registry.list().stream().map(WorkerResponse::of).toList());
    }
}
