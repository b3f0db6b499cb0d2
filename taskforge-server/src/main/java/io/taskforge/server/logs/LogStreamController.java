package io.taskforge.server.logs;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.taskforge.client.TaskforgeClient;
import io.taskforge.server.problem.InvalidRequestException;
import io.taskforge.server.problem.NotFoundException;
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
class LogStreamController {
    private final TaskforgeClient client;
    private final LogStreams streams;

    LogStreamController(TaskforgeClient client, LogStreams streams) {
        this.client = client;
        this.streams = streams;
    }

    @Operation(
            summary = "Stream a task's log lines and status changes",
            description = "Server-Sent Events: `log` (a log line; id = its seq), `status` (the task JSON, on open and"
                    + " on every change), and `end` once the task finished and all its lines were sent. Resumes"
                    + " after `Last-Event-ID` (or `after`).",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "the event stream",
                            content =
                                    @Content(
                                            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                                            schema = @Schema(implementation = String.class))))
    @GetMapping(path = "/api/v1/tasks/{id}/logs/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(
            @PathVariable String id,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            @RequestParam(required = false) String after) {
        if (!TaskIds.isValid(id)) {
            throw NotFoundException.task(id);
        }
        String taskId = id.toLowerCase(Locale.ROOT);
        long afterSeq = lastEventId != null && !lastEventId.isBlank()
                ? seq("Last-Event-ID", lastEventId)
                : after != null && !after.isBlank() ? seq("after", after) : 0;
        Task task = client.get(taskId).orElseThrow(() -> NotFoundException.task(taskId));
        return streams.open(task, afterSeq);
    }

    private static long seq(String field, String value) {
        try {
            long seq = Long.parseLong(value.strip());
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException(field, "must be the seq of a log line (a non-negative integer)");
    }
}
