package io.taskforge.server.remote;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.taskforge.remote.AttemptRef;
import io.taskforge.remote.LeaseLostException;
import io.taskforge.remote.RemoteWorkers;
import io.taskforge.server.audit.Audited;
import io.taskforge.server.auth.CurrentCaller;
import io.taskforge.server.problem.NotFoundException;
import io.taskforge.server.problem.Problems;
import io.taskforge.server.task.TaskResponse;
import io.taskforge.task.Task;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The remote-worker section of API.md: workers in any language claim tasks with a lease and report
 * on each attempt. The rules live in {@link RemoteWorkers}; this class translates HTTP to it and
 * answers a report for a lost lease with 409 {@code lease-lost}.
 */
@RestController
// The audit log records how attempts end (complete, fail, release) and stops, each naming its task.
// It leaves out the worker protocol's chatter, which a single running task repeats every few
// seconds (claims polled when idle, heartbeats, log lines, progress): the task's own events and logs
// keep those, with the worker's id.
@Audited(resource = "worker", targetType = "task")
@RequestMapping(path = "/api/v1/worker", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
        name = "Remote workers",
        description = "Run tasks in any language: claim with a lease, heartbeat, report logs and progress, then"
                + " complete or fail. Every report names the worker and the attempt; one for a lease that was"
                + " lost (expired and rescued, cancelled, deleted, finished) answers 409 and changes nothing.")
@ApiResponse(responseCode = "400", description = "the body is not JSON, or a field has the wrong JSON type")
@ApiResponse(responseCode = "422", description = "a field is missing or out of bounds; `errors` names each")
class RemoteWorkerController {
    // The endpoints answering 204 accept any Accept header (produces */*): a generated client that
    // asks only for the problem+json of their error answers must not be refused with 406.
    private final RemoteWorkers workers;
    private final JsonMapper json;
    private final CurrentCaller caller;

    RemoteWorkerController(RemoteWorkers workers, JsonMapper json, CurrentCaller caller) {
        this.workers = workers;
        this.json = json;
        this.caller = caller;
    }

    @Operation(
            operationId = "claimTasks",
            summary = "Claim ready tasks",
            description =
                    "Claims up to `max` ready tasks of the caller's tenant in `queues` (highest priority first; paused queues and"
                            + " queue limits respected), each RUNNING for this worker with a lease of `leaseSeconds`."
                            + " Registers the worker, or records its heartbeat, in the worker registry. An empty `items`"
                            + " means nothing is ready: back off a little and ask again.")
    @ApiResponse(responseCode = "200", description = "the claimed tasks, possibly none")
    @PostMapping(path = "/claim", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Audited(recorded = false)
    WorkerResponses.Claimed claim(@RequestBody WorkerRequests.Claim body, HttpServletRequest request) {
        List<Task> claimed = workers.claim(caller.tenantId(), body.toRequest(), request.getRemoteAddr());
        return new WorkerResponses.Claimed(
                claimed.stream().map(TaskResponse::of).toList());
    }

    @Operation(
            operationId = "heartbeatTask",
            summary = "Keep the lease of a running attempt",
            description = "Extends the lease by `leaseSeconds` from now. Send it well within the lease (a third of"
                    + " it is a good interval). `cancelRequested: true` asks the worker to stop the task and report"
                    + " `fail`, which ends it CANCELLED.")
    @ApiResponse(responseCode = "200", description = "the lease was extended")
    @ApiResponse(
            responseCode = "409",
            description = "the worker does not hold this attempt any more: stop working on the task")
    @PostMapping(path = "/tasks/{id}/heartbeat", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Audited(recorded = false)
    WorkerResponses.Heartbeat heartbeat(
            @Parameter(description = "the task's id") @PathVariable String id,
            @RequestBody WorkerRequests.Heartbeat body) {
        return WorkerResponses.Heartbeat.of(
                workers.heartbeat(ref(id, body.workerId(), body.attempt()), body.leaseSeconds()));
    }

    @Operation(
            operationId = "appendTaskLogs",
            summary = "Append log lines of a running attempt",
            description = "At most 1000 lines per call, each a string (stdout) or `{stream, line}` with stream"
                    + " stdout, stderr or system. They show in `GET /tasks/{id}/logs` and its stream.")
    @ApiResponse(responseCode = "204", description = "the lines were stored")
    @ApiResponse(
            responseCode = "409",
            description = "the worker does not hold this attempt any more; nothing was stored")
    @PostMapping(path = "/tasks/{id}/logs", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.ALL_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Audited(recorded = false)
    void logs(
            @Parameter(description = "the task's id") @PathVariable String id, @RequestBody WorkerRequests.Logs body) {
        AttemptRef ref = ref(id, body.workerId(), body.attempt());
        workers.appendLog(ref, body.toLines());
    }

    @Operation(
            operationId = "reportTaskProgress",
            summary = "Report progress of a running attempt",
            description = "Shown as the task's `progress` until the attempt ends.")
    @ApiResponse(responseCode = "204", description = "the progress was stored")
    @ApiResponse(
            responseCode = "409",
            description = "the worker does not hold this attempt any more; nothing was stored")
    @PostMapping(
            path = "/tasks/{id}/progress",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.ALL_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Audited(recorded = false)
    void progress(
            @Parameter(description = "the task's id") @PathVariable String id,
            @RequestBody WorkerRequests.Progress body) {
        workers.progress(ref(id, body.workerId(), body.attempt()), body.percent(), body.message());
    }

    @Operation(
            operationId = "completeTask",
            summary = "End a running attempt with its result",
            description = "The task becomes SUCCEEDED with `result` (any JSON, at most 1 MiB).")
    @ApiResponse(responseCode = "200", description = "the task succeeded")
    @ApiResponse(
            responseCode = "409",
            description = "the worker does not hold this attempt any more; nothing was changed")
    @ApiResponse(responseCode = "413", description = "the result is over 1 MiB")
    @PostMapping(path = "/tasks/{id}/complete", consumes = MediaType.APPLICATION_JSON_VALUE)
    WorkerResponses.Ended complete(
            @Parameter(description = "the task's id") @PathVariable String id,
            @RequestBody WorkerRequests.Complete body) {
        JsonNode result = body.result();
        String resultJson = result == null || result.isNull() ? null : json.writeValueAsString(result);
        return WorkerResponses.Ended.of(workers.complete(ref(id, body.workerId(), body.attempt()), resultJson));
    }

    @Operation(
            operationId = "failTask",
            summary = "End a running attempt as failed",
            description = "With attempts left and `retryable` (the default) the task is RETRYING and runs again"
                    + " after the retry policy's backoff; otherwise it is FAILED (the dead-letter state, replayable"
                    + " with `POST /tasks/{id}/retry`). A task whose cancel was requested ends CANCELLED.")
    @ApiResponse(responseCode = "200", description = "the attempt ended; `status` says how")
    @ApiResponse(
            responseCode = "409",
            description = "the worker does not hold this attempt any more; nothing was changed")
    @PostMapping(path = "/tasks/{id}/fail", consumes = MediaType.APPLICATION_JSON_VALUE)
    WorkerResponses.Ended fail(
            @Parameter(description = "the task's id") @PathVariable String id, @RequestBody WorkerRequests.Fail body) {
        AttemptRef ref = ref(id, body.workerId(), body.attempt());
        return WorkerResponses.Ended.of(workers.fail(ref, body.toError(), body.retryable()));
    }

    @Operation(
            operationId = "releaseTask",
            summary = "Give a running attempt back unfinished",
            description = "For a stopping worker: the task is QUEUED again at once and the attempt does not count"
                    + " (a task whose cancel was requested is CANCELLED instead).")
    @ApiResponse(responseCode = "200", description = "the attempt was given back")
    @ApiResponse(
            responseCode = "409",
            description = "the worker does not hold this attempt any more; nothing was changed")
    @PostMapping(path = "/tasks/{id}/release", consumes = MediaType.APPLICATION_JSON_VALUE)
    WorkerResponses.Ended release(
            @Parameter(description = "the task's id") @PathVariable String id,
            @RequestBody WorkerRequests.Release body) {
        return WorkerResponses.Ended.of(workers.release(ref(id, body.workerId(), body.attempt()), body.reason()));
    }

    @Operation(
            operationId = "stopWorker",
            summary = "Say the worker is shutting down",
            description = "Its row in the worker registry turns STOPPED. Release or finish its tasks first.")
    @ApiResponse(responseCode = "204", description = "noted (also for a worker that never claimed)")
    @PostMapping(path = "/stop", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.ALL_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void stop(@RequestBody WorkerRequests.Stop body) {
        workers.stopped(body.workerId());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> leaseLost(LeaseLostException e) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "lease-lost", "Lease lost", e.getMessage());
        problem.setProperty("taskId", e.taskId());
        problem.setProperty("attempt", e.attempt());
        problem.setProperty("workerId", e.workerId());
        if (e.current() != null) {
            problem.setProperty("currentStatus", e.current().status().name());
            problem.setProperty("currentAttempt", e.current().attempt());
        }
        return Problems.answer(problem);
    }

    /**
     * An id that cannot name a task is answered 404, as everywhere in the API; a task of another
     * tenant than the caller's is answered as a missing one (see {@link AttemptRef}).
     */
    private AttemptRef ref(String id, String workerId, Integer attempt) {
        return new AttemptRef(NotFoundException.checkTaskId(id), workerId, attempt, caller.tenantId());
    }
}
