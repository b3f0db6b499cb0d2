package io.taskforge.server.queue;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.taskforge.queue.QueueService;
import io.taskforge.server.auth.CurrentCaller;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The queue half of API.md's "Queues and workers": live counts, pause and resume, cluster-wide
 * limits, dead-letter replay. The rules and bounds live in {@link QueueService}; the store enforces
 * the settings at every claim.
 */
@RestController
@RequestMapping(path = "/api/v1/queues", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
        name = "Queues",
        description = "Watch queues and control them cluster-wide: pause and resume, limit how many tasks run at"
                + " once and how many start per second, replay dead letters. A queue exists by being named: any"
                + " valid name may be given settings before a task uses it. Counts and dead-letter replay are of the"
                + " caller's tenant's tasks; settings are the queue's, shared by every tenant.")
class QueueController {
    private static final String NAME_DESCRIPTION =
            "the queue's name: 1..64 letters, digits or . _ : -, starting with a letter or digit";

    private final QueueService queues;
    private final CurrentCaller caller;

    QueueController(QueueService queues, CurrentCaller caller) {
        this.caller = caller;
        this.queues = queues;
    }

    @Schema(
            name = "QueueListResponse",
            description = "Every queue with unfinished or failed tasks or with settings," + " by name.")
    record QueueListResponse(List<QueueResponse> items) {}

    @Schema(name = "RetryFailedResponse")
    record RetryFailedResponse(
            @Schema(
                    description = "how many FAILED tasks were queued again (tasks whose unique key another"
                            + " task now holds stay FAILED)",
                    example = "3")
            int retried) {}

    @Operation(operationId = "listQueues", summary = "List queues with live counts and settings")
    @ApiResponse(responseCode = "200", description = "the queues, by name")
    @GetMapping
    QueueListResponse list() {
        return new QueueListResponse(
                queues.list(caller.tenantId()).stream().map(QueueResponse::of).toList());
    }

    @Operation(
            operationId = "getQueue",
            summary = "Get one queue",
            description = "A queue no task or setting names yet answers with zero counts and no limits.")
    @ApiResponse(responseCode = "200", description = "the queue")
    @ApiResponse(responseCode = "422", description = "the name is not a valid queue name")
    @GetMapping("/{name}")
    QueueResponse get(@Parameter(description = NAME_DESCRIPTION, example = "mail") @PathVariable String name) {
        return QueueResponse.of(queues.get(caller.tenantId(), name));
    }

    @Operation(
            operationId = "updateQueue",
            summary = "Pause, resume or limit a queue",
            description = "Changes only the fields given: `paused`, `concurrencyLimit`, `ratePerSecond`; `null` (or"
                    + " 0) removes a limit. Limits hold across every worker of the cluster. Resuming a queue or"
                    + " raising a limit wakes idle workers at once. A running task is never stopped by a change.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = QueuePatchRequest.class),
                            examples = {
                                @ExampleObject(name = "pause", value = "{\"paused\": true}"),
                                @ExampleObject(name = "resume", value = "{\"paused\": false}"),
                                @ExampleObject(
                                        name = "limit",
                                        summary = "at most 4 running and 5 starts per second",
                                        value = "{\"concurrencyLimit\": 4, \"ratePerSecond\": 5}"),
                                @ExampleObject(
                                        name = "unlimit",
                                        summary = "remove both limits",
                                        value = "{\"concurrencyLimit\": null, \"ratePerSecond\": null}")
                            }))
    @ApiResponse(responseCode = "200", description = "the queue with its new settings")
    @ApiResponse(
            responseCode = "400",
            description = "the body is not a JSON object, a field has the wrong JSON type, or cannot be set")
    @ApiResponse(responseCode = "422", description = "the name or a limit is out of bounds; `errors` names each field")
    @PatchMapping(path = "/{name}", consumes = MediaType.APPLICATION_JSON_VALUE)
    QueueResponse update(
            @Parameter(description = NAME_DESCRIPTION, example = "mail") @PathVariable String name,
            @RequestBody JsonNode body) {
        QueuePatchRequest patch = QueuePatchRequest.read(body);
        return QueueResponse.of(queues.update(
                caller.tenantId(), name, patch.paused(), patch.concurrencyLimit(), patch.ratePerSecond()));
    }

    @Operation(
            operationId = "retryFailedTasks",
            summary = "Replay a queue's dead letters",
            description = "Puts every FAILED task of the queue back in it with one more attempt allowed, as"
                    + " `POST /tasks/{id}/retry` does for one. Tasks whose unique key another unfinished task holds"
                    + " stay FAILED. A queue without failed tasks answers `retried: 0`.")
    @ApiResponse(responseCode = "202", description = "how many tasks were queued again")
    @ApiResponse(responseCode = "422", description = "the name is not a valid queue name")
    @PostMapping("/{name}/retry-failed")
    @ResponseStatus(HttpStatus.ACCEPTED)
    RetryFailedResponse retryFailed(
            @Parameter(description = NAME_DESCRIPTION, example = "mail") @PathVariable String name) {
        return new RetryFailedResponse(queues.retryFailed(caller.tenantId(), name, null));
    }
}
