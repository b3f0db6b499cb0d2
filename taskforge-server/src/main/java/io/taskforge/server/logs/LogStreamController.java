package io.taskforge.server.logs;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.taskforge.client.TaskforgeClient;
import io.taskforge.server.auth.CurrentCaller;
import io.taskforge.server.problem.NotFoundException;
import io.taskforge.server.sse.LastEventId;
import io.taskforge.task.Task;
import io.taskforge.task.TaskIds;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code GET /api/v1/tasks/{id}/logs/stream}: a task's log lines and state changes, live. */
@RestController
@Tag(name = "Tasks")
class LogStreamController {
    private final TaskforgeClient client;
    private final LogStreams streams;
    private final CurrentCaller caller;

    LogStreamController(TaskforgeClient client, LogStreams streams, CurrentCaller caller) {
        this.client = client;
        this.streams = streams;
        this.caller = caller;
    }

    @Operation(
            operationId = "streamTaskLogs",
            summary = "Stream a task's log lines and status changes",
            description = "Server-Sent Events: `log` (a log line; id = its seq), `status` (the task JSON, on open and"
                    + " on every change), and `end` once the task finished and all its lines were sent. Resumes"
                    + " after `Last-Event-ID` (or `after`).",
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        description = "the event stream",
                        content =
                                @Content(
                                        mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                                        schema =
                                                @Schema(
                                                        implementation = String.class,
                                                        example = "event: log\nid: 17\ndata: {\"seq\": 17,"
                                                                + " \"stream\": \"stdout\", \"line\": \"hi\"}\n\n"))),
                @ApiResponse(responseCode = "400", description = "`Last-Event-ID` or `after` is not a seq"),
                @ApiResponse(responseCode = "404", description = "no such task"),
                @ApiResponse(responseCode = "503", description = "too many streams are open; try again later")
            })
    @GetMapping(path = "/api/v1/tasks/{id}/logs/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(
            @Parameter(description = "the task's id") @PathVariable String id,
            @Parameter(description = "resume after this log line (sent by EventSource on reconnect)")
                    @RequestHeader(name = "Last-Event-ID", required = false)
                    String lastEventId,
            @Parameter(
                            description = "resume after this seq when there is no `Last-Event-ID`",
                            schema = @Schema(type = "integer", format = "int64", minimum = "0"))
                    @RequestParam(required = false)
                    String after) {
        if (!TaskIds.isValid(id)) {
            throw NotFoundException.task(id);
        }
        String taskId = id.toLowerCase(Locale.ROOT);
        Long afterSeq = LastEventId.resumeAfter(lastEventId, after, "the seq of a log line");
        // The tenant is checked once, here: a task never changes tenant, so the stream that follows
        // this id shows nothing of another tenant.
        Task task = client.get(caller.tenantId(), taskId).orElseThrow(() -> NotFoundException.task(taskId));
        return streams.open(task, afterSeq != null ? afterSeq : 0);
    }
}
