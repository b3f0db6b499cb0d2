package io.taskforge.server.monitor;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.taskforge.server.auth.CurrentCaller;
import io.taskforge.server.sse.LastEventId;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code GET /api/v1/events/stream}: every task status change of the caller's tenant, live (API.md "Monitoring"). */
@RestController
@Tag(name = "Monitoring")
class EventStreamController {
    private final EventStreams streams;
    private final CurrentCaller caller;

    EventStreamController(EventStreams streams, CurrentCaller caller) {
        this.streams = streams;
        this.caller = caller;
    }

    @Operation(
            summary = "Stream task status changes",
            description = "Server-Sent Events: a `task` event (the task JSON, as `GET /tasks/{id}` answers it now)"
                    + " for every status change of any task: created, queued, started, succeeded, failed, retrying,"
                    + " cancelled. The event id is the change's position; a client that reconnects with"
                    + " `Last-Event-ID` (or `after`) gets every change after it. Without either, the stream starts"
                    + " now. Idle streams get a keep-alive comment every few seconds, carrying the position as id."
                    + " Filters combine: `queue`, `type` and `status` (the new status) are comma lists that match"
                    + " any value, `tag` is repeatable and all must match.")
    @ApiResponse(
            responseCode = "200",
            description = "the event stream",
            content =
                    @Content(
                            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                            schema =
                                    @Schema(
                                            implementation = String.class,
                                            example =
                                                    "event:task\nid:1042\ndata:{\"id\":\"…\",\"status\":\"SUCCEEDED\",…}")))
    @ApiResponse(
            responseCode = "400",
            description = "an unknown status, or a position that is not an event id",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(
            responseCode = "422",
            description = "a filter value too long, or too many values",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(
            responseCode = "503",
            description = "too many streams are open, or the server is stopping",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @GetMapping(path = "/api/v1/events/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(
            @Parameter(description = "the id of the last event received: the stream goes on after it")
                    @RequestHeader(name = "Last-Event-ID", required = false)
                    String lastEventId,
            @Parameter(description = "like Last-Event-ID, for clients that cannot set headers", example = "1042")
                    @RequestParam(required = false)
                    String after,
            @Parameter(description = "queues, comma-separated; any matches", example = "default,reports")
                    @RequestParam(required = false)
                    List<String> queue,
            @Parameter(description = "task types, comma-separated; any matches", example = "report.export")
                    @RequestParam(required = false)
                    List<String> type,
            @Parameter(description = "tags; repeat for more, all must match", example = "etl")
                    @RequestParam(required = false)
                    List<String> tag,
            @Parameter(description = "the new status, comma-separated; any matches", example = "SUCCEEDED,FAILED")
                    @RequestParam(required = false)
                    List<String> status) {
        Long position = LastEventId.resumeAfter(lastEventId, after, "the id of an event of this stream");
        ChangeFilter filter = ChangeFilter.parse(queue, type, tag, status).inTenant(caller.tenantId());
        return streams.open(position, filter);
    }
}
