package io.taskforge.server.remote;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.taskforge.client.FieldError;
import io.taskforge.client.TaskValidationException;
import io.taskforge.remote.ClaimRequest;
import io.taskforge.remote.RemoteLimits;
import io.taskforge.remote.RemoteLogLine;
import io.taskforge.task.TaskError;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Request bodies of the remote-worker endpoints. Bounds are checked by {@link
 * io.taskforge.remote.RemoteWorkers}, which names each field; these records only read JSON. Two
 * fields accept two shapes, as a worker in a scripting language most easily writes them: a log line
 * is a string or {@code {"stream", "line"}}, an error a string or {@code {"type", "message",
 * "stack"}}.
 */
final class WorkerRequests {
    private WorkerRequests() {}

    private static final String WORKER_ID = "the worker's own stable id, as sent with its claim";
    private static final String ATTEMPT = "the attempt number the claim handed out (the task's `attempt`)";

    @Schema(name = "WorkerClaimRequest", description = "A remote worker asks for up to `max` ready tasks.")
    record Claim(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = WORKER_ID, example = "py-build01-4242")
            String workerId,

            @ArraySchema(
                    arraySchema =
                            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "queues to claim from"),
                    schema = @Schema(example = "python"),
                    minItems = 1,
                    maxItems = RemoteLimits.MAX_QUEUES)
            List<String> queues,

            @Schema(
                    description = "most tasks to hand out now: the worker's free slots",
                    minimum = "1",
                    maximum = "100",
                    defaultValue = "1",
                    example = "4")
            Integer max,

            @Schema(
                    description = "how long each claim holds without a heartbeat",
                    minimum = "5",
                    maximum = "3600",
                    defaultValue = "30",
                    example = "30")
            Integer leaseSeconds,

            @Schema(description = "shown in the worker registry; default: the client's address", example = "build01")
            String host,

            @Schema(description = "shown in the worker registry; default 0", example = "4242")
            Long pid,

            @Schema(description = "the worker's slots, for the worker registry; default: `max`", example = "4")
            Integer concurrency,

            @Schema(description = "slots already in use, for the worker registry; default 0", example = "0")
            Integer busy) {

        ClaimRequest toRequest() {
            return new ClaimRequest(workerId, queues, max, leaseSeconds, host, pid, concurrency, busy);
        }
    }

    @Schema(name = "WorkerHeartbeatRequest", description = "Keeps the lease of one attempt.")
    record Heartbeat(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = WORKER_ID, example = "py-build01-4242")
            String workerId,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = ATTEMPT, example = "1")
            Integer attempt,

            @Schema(
                    description = "the lease runs this long from now",
                    minimum = "5",
                    maximum = "3600",
                    defaultValue = "30",
                    example = "30")
            Integer leaseSeconds) {}

    @Schema(name = "WorkerLogLine", description = "A log line with its stream.")
    record LogLine(
            @Schema(
                    description = "stdout, stderr or system; default stdout",
                    allowableValues = {"stdout", "stderr", "system"},
                    example = "stdout")
            String stream,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "processed 10 of 40 rows")
            String line) {}

    /** For the OpenAPI document only: what one entry of {@code lines} may be. */
    @Schema(
            name = "WorkerLogLineItem",
            description = "a line of text (stdout), or {stream, line}",
            oneOf = {String.class, LogLine.class})
    interface LogLineItem {}

    @Schema(name = "WorkerLogsRequest", description = "Log lines of one attempt.")
    record Logs(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = WORKER_ID, example = "py-build01-4242")
            String workerId,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = ATTEMPT, example = "1")
            Integer attempt,

            @ArraySchema(
                    arraySchema =
                            @Schema(
                                    requiredMode = Schema.RequiredMode.REQUIRED,
                                    description = "at most 1000 lines; each a string (stdout) or {stream, line};"
                                            + " lines over 8192 characters are cut",
                                    example = "[\"starting\", {\"stream\": \"stderr\", \"line\": \"warning: slow\"}]"),
                    schema = @Schema(implementation = LogLineItem.class),
                    maxItems = RemoteLimits.MAX_LOG_LINES)
            List<JsonNode> lines) {

        /** The lines as the service takes them; a line of another shape is named in a 422. */
        List<RemoteLogLine> toLines() {
            if (lines == null) {
                return null;
            }
            List<RemoteLogLine> out = new ArrayList<>(lines.size());
            List<FieldError> errors = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                JsonNode l = lines.get(i);
                if (l != null && l.isString()) {
                    out.add(new RemoteLogLine(null, l.asString()));
                } else if (l != null
                        && l.isObject()
                        && l.path("line").isString()
                        && (l.path("stream").isMissingNode()
                                || l.path("stream").isNull()
                                || l.path("stream").isString())) {
                    JsonNode stream = l.path("stream");
                    out.add(new RemoteLogLine(
                            stream.isString() ? stream.asString() : null,
                            l.get("line").asString()));
                } else {
                    errors.add(new FieldError(
                            "lines[" + i + "]",
                            "must be a string or an object {\"stream\": \"stdout\", \"line\": \"…\"}"));
                }
            }
            if (!errors.isEmpty()) {
                throw new TaskValidationException(errors);
            }
            return out;
        }
    }

    @Schema(name = "WorkerProgressRequest", description = "How far the attempt got.")
    record Progress(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = WORKER_ID, example = "py-build01-4242")
            String workerId,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = ATTEMPT, example = "1")
            Integer attempt,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", maximum = "100", example = "40")
            Integer percent,

            @Schema(description = "at most 500 characters; longer ones are cut", example = "10 of 25 files")
            String message) {}

    @Schema(name = "WorkerCompleteRequest", description = "The attempt succeeded.")
    record Complete(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = WORKER_ID, example = "py-build01-4242")
            String workerId,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = ATTEMPT, example = "1")
            Integer attempt,

            @Schema(
                    implementation = Object.class,
                    description = "the task's result, any JSON value of at most 1 MiB",
                    example = "{\"words\": 42}")
            JsonNode result) {}

    @Schema(name = "WorkerError", description = "What went wrong.")
    record ErrorBody(
            @Schema(description = "a short machine-readable kind, e.g. an exception class", example = "ValueError")
            String type,

            @Schema(description = "at most 4096 characters; longer ones are cut", example = "no such file: in.csv")
            String message,

            @Schema(
                    description = "a stack trace; at most 16384 characters",
                    example = "Traceback (most recent call last): …")
            String stack) {}

    @Schema(name = "WorkerFailRequest", description = "The attempt failed.")
    record Fail(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = WORKER_ID, example = "py-build01-4242")
            String workerId,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = ATTEMPT, example = "1")
            Integer attempt,

            @Schema(
                    implementation = Object.class,
                    oneOf = {String.class, ErrorBody.class},
                    description = "an error message, or {type, message, stack}",
                    example = "{\"type\": \"ValueError\", \"message\": \"bad input\"}")
            JsonNode error,

            @Schema(
                    description =
                            "false dead-letters the task at once; true (default) retries it while attempts remain",
                    defaultValue = "true",
                    example = "true")
            Boolean retryable) {

        TaskError toError() {
            if (error == null || error.isNull() || error.isMissingNode()) {
                return null;
            }
            if (error.isString()) {
                return new TaskError("RemoteWorkerError", error.asString(), null);
            }
            if (error.isObject() && text(error, "type") && text(error, "message") && text(error, "stack")) {
                return new TaskError(
                        error.path("type").isString() ? error.get("type").asString() : null,
                        error.path("message").isString() ? error.get("message").asString() : null,
                        error.path("stack").isString() ? error.get("stack").asString() : null);
            }
            throw new TaskValidationException(
                    "error", "must be a message or an object {\"type\": \"…\", \"message\": \"…\", \"stack\": \"…\"}");
        }

        private static boolean text(JsonNode node, String field) {
            JsonNode v = node.path(field);
            return v.isMissingNode() || v.isNull() || v.isString();
        }
    }

    @Schema(name = "WorkerReleaseRequest", description = "Gives an unfinished attempt back, as a stopping worker does.")
    record Release(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = WORKER_ID, example = "py-build01-4242")
            String workerId,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = ATTEMPT, example = "1")
            Integer attempt,

            @Schema(description = "why, for the task's history", example = "worker shutting down")
            String reason) {}

    @Schema(name = "WorkerStopRequest", description = "The worker is shutting down.")
    record Stop(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = WORKER_ID, example = "py-build01-4242")
            String workerId) {}
}
