package io.taskforge.server.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.taskforge.client.TaskValidationException;
import io.taskforge.client.TaskforgeClient;
import io.taskforge.server.auth.CodePermission;
import io.taskforge.server.auth.CurrentCaller;
import io.taskforge.server.auth.TenantQuotas;
import io.taskforge.server.problem.InvalidRequestException;
import io.taskforge.server.problem.NotFoundException;
import io.taskforge.store.Inserted;
import io.taskforge.task.LogPage;
import io.taskforge.task.NewTask;
import io.taskforge.task.TaskEvent;
import io.taskforge.task.TaskPage;
import io.taskforge.task.TaskQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Tasks section of API.md. Every call goes through {@link TaskforgeClient}, which checks bounds
 * before anything is written; this class only translates HTTP to it and back. Every call acts in
 * the caller's tenant: a task of another tenant is answered exactly as a missing one.
 */
@RestController
@RequestMapping(path = "/api/v1/tasks", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Tasks", description = "Submit tasks, follow them, and manage their life: cancel, retry, edit, delete.")
class TaskController {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final int DEFAULT_LOG_PAGE = 200;

    private final TaskforgeClient client;
    private final JsonMapper json;
    private final CurrentCaller caller;
    private final CodePermission codePermission;
    private final TenantQuotas quotas;

    TaskController(
            TaskforgeClient client,
            JsonMapper json,
            CurrentCaller caller,
            CodePermission codePermission,
            TenantQuotas quotas) {
        this.client = client;
        this.json = json;
        this.caller = caller;
        this.codePermission = codePermission;
        this.quotas = quotas;
    }

    /** {@code total} only when asked for ({@code includeTotal=true}): counting costs. */
    @Schema(name = "TaskListResponse", description = "One page of tasks.")
    record TaskListResponse(
            List<TaskResponse> items,

            @Schema(description = "pass as `cursor` for the next page; null on the last page")
            String nextCursor,

            @Schema(description = "how many tasks match, only with `includeTotal=true`", example = "1234")
            @JsonInclude(JsonInclude.Include.NON_NULL)
            Long total) {}

    @Schema(name = "TaskBatchResponse", description = "The created tasks, in request order.")
    record BatchResponse(List<TaskResponse> items) {}

    @Schema(name = "TaskEventResponse", description = "One entry of a task's history.")
    record EventResponse(
            Instant at,

            @Schema(
                    description = "what happened, e.g. created, queued, started, succeeded, attempt_failed,"
                            + " failed, cancel_requested, cancelled, retried, updated, deleted",
                    example = "started")
            String type,

            @Schema(example = "QUEUED") String fromStatus,
            @Schema(example = "RUNNING") String toStatus,
            @Schema(example = "1") int attempt,
            String message,
            TaskResponse.ErrorResponse error,

            @Schema(description = "who did it: `api`, a user, or `worker:<id>`", example = "worker:build01-4242-a1b2")
            String actor) {}

    @Schema(name = "TaskEventListResponse", description = "A task's history, oldest first.")
    record EventListResponse(List<EventResponse> items) {}

    @Schema(name = "TaskLogPageResponse", description = "One page of log lines.")
    record LogPageResponse(
            List<LogLineResponse> items,

            @Schema(description = "pass as `after` to read on (the last line's seq)", example = "200")
            long nextAfter) {}

    @Operation(
            operationId = "createTask",
            summary = "Create a task",
            description =
                    "Stores the task and queues it (or schedules it for `runAt` / `delaySeconds`). With an"
                            + " `Idempotency-Key` header a repeated request returns the first task (header `Idempotent-Replayed: true`).")
    @ApiResponse(responseCode = "201", description = "the task, as stored; `Location` names it")
    @ApiResponse(responseCode = "400", description = "a parameter or the body cannot be read")
    @ApiResponse(responseCode = "422", description = "a value is out of bounds; `errors` names each field")
    @ApiResponse(
            responseCode = "409",
            description = "the `uniqueKey` is held by a task not yet finished (the problem names it)")
    @ApiResponse(
            responseCode = "413",
            description = "the payload is over 1 MiB, or over the tenant's `maxPayloadBytes`")
    @ApiResponse(responseCode = "429", description = "the tenant's `maxWaiting` quota is reached; the problem names it")
    @ApiResponse(
            responseCode = "403",
            description = "a `shell` task from a caller who may not run code (ADMINs, or OPERATORs where the tenant"
                    + " allows it)")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TaskResponse> create(
            @RequestBody TaskRequests.CreateTask body,
            @Parameter(
                            description = "repeating a request with the same key returns the first task",
                            example = "order-7-export")
                    @RequestHeader(name = IDEMPOTENCY_KEY, required = false)
                    String idempotencyKey) {
        codePermission.checkTaskTypes(List.of(body.type() == null ? "" : body.type()));
        NewTask task = body.toNewTask(json, blankToNull(idempotencyKey), "");
        quotas.checkSubmit(caller.tenantId(), List.of(task));
        return TaskResponse.created(
                client.submitAll(caller.tenantId(), List.of(task), "").getFirst());
    }

    /**
     * All or nothing. With an {@code Idempotency-Key} header each task gets the key {@code key#i}, so
     * repeating the whole request returns the same tasks.
     */
    @Operation(operationId = "createTasks", summary = "Create up to 1000 tasks, all or nothing")
    @ApiResponse(responseCode = "201", description = "the tasks, in request order")
    @ApiResponse(responseCode = "400", description = "a parameter or the body cannot be read")
    @ApiResponse(responseCode = "422", description = "a value is out of bounds; `errors` names each field")
    @ApiResponse(responseCode = "409", description = "a `uniqueKey` is held; no task was created")
    @PostMapping(path = "/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<BatchResponse> createBatch(
            @RequestBody TaskRequests.CreateBatch body,
            @Parameter(description = "repeating the batch with the same key returns the same tasks (key#i each)")
                    @RequestHeader(name = IDEMPOTENCY_KEY, required = false)
                    String idempotencyKey) {
        String key = blankToNull(idempotencyKey);
        List<TaskRequests.CreateTask> requests = body.tasks() == null ? List.of() : body.tasks();
        List<NewTask> tasks = new ArrayList<>(requests.size());
        int max = client.defaults().maxBatchSize();
        if (requests.size() > max) {
            throw new TaskValidationException("tasks", "at most " + max + " tasks per batch, got " + requests.size());
        }
        codePermission.checkTaskTypes(requests.stream()
                .map(r -> r == null || r.type() == null ? "" : r.type())
                .toList());
        for (int i = 0; i < requests.size(); i++) {
            TaskRequests.CreateTask r = requests.get(i);
            tasks.add(r == null ? null : r.toNewTask(json, key == null ? null : key + "#" + i, "tasks[" + i + "]."));
        }
        quotas.checkSubmit(caller.tenantId(), tasks);
        List<Inserted> inserted = client.submitAll(caller.tenantId(), tasks, "tasks");
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new BatchResponse(
                        inserted.stream().map(i -> TaskResponse.of(i.task())).toList()));
    }

    @Operation(
            operationId = "listTasks",
            summary = "List tasks",
            description = "Filters combine. Pages by `cursor`: pass the `nextCursor` of the previous page.")
    @ApiResponse(responseCode = "200", description = "one page of tasks")
    @ApiResponse(responseCode = "400", description = "a parameter or the body cannot be read")
    @GetMapping
    TaskListResponse list(
            @Parameter(
                            description = "any of these statuses (repeat the parameter or separate by commas)",
                            array =
                                    @ArraySchema(
                                            schema =
                                                    @Schema(
                                                            allowableValues = {
                                                                "PENDING",
                                                                "SCHEDULED",
                                                                "QUEUED",
                                                                "RUNNING",
                                                                "RETRYING",
                                                                "SUCCEEDED",
                                                                "FAILED",
                                                                "CANCELLED"
                                                            })))
                    @RequestParam(required = false)
                    List<String> status,
            @Parameter(
                            description = "any of these priorities",
                            array =
                                    @ArraySchema(
                                            schema = @Schema(allowableValues = {"LOW", "NORMAL", "HIGH", "URGENT"})))
                    @RequestParam(required = false)
                    List<String> priority,
            @Parameter(description = "tasks carrying all of these tags", example = "etl")
                    @RequestParam(required = false)
                    List<String> tag,
            @Parameter(description = "one queue", example = "default") @RequestParam(required = false) String queue,
            @Parameter(description = "one task type", example = "shell") @RequestParam(required = false) String type,
            @Parameter(description = "text in the title or description", example = "export")
                    @RequestParam(required = false)
                    String q,
            @Parameter(
                            description = "created at or after, ISO-8601",
                            schema = @Schema(type = "string", format = "date-time"))
                    @RequestParam(required = false)
                    String createdAfter,
            @Parameter(
                            description = "created before, ISO-8601",
                            schema = @Schema(type = "string", format = "date-time"))
                    @RequestParam(required = false)
                    String createdBefore,
            @Parameter(description = "steps of one pipeline run") @RequestParam(required = false) String pipelineRunId,
            @Parameter(
                            description = "the order; default `-createdAt` (newest first)",
                            schema =
                                    @Schema(
                                            type = "string",
                                            allowableValues = {
                                                "createdAt",
                                                "-createdAt",
                                                "priority",
                                                "-priority",
                                                "updatedAt"
                                            }))
                    @RequestParam(required = false)
                    String sort,
            @Parameter(
                            description = "page size, 1..500 (default 50)",
                            schema = @Schema(type = "integer", minimum = "1", maximum = "500", example = "50"))
                    @RequestParam(required = false)
                    String limit,
            @Parameter(description = "`nextCursor` of the previous page") @RequestParam(required = false) String cursor,
            @Parameter(
                            description = "also count all matching tasks (`total`); counting costs",
                            schema = @Schema(type = "boolean"))
                    @RequestParam(required = false)
                    String includeTotal) {
        TaskQuery query = TaskListParams.parse(
                status,
                priority,
                tag,
                queue,
                type,
                q,
                createdAfter,
                createdBefore,
                pipelineRunId,
                sort,
                limit,
                cursor,
                includeTotal);
        TaskPage page = client.list(caller.tenantId(), query);
        return new TaskListResponse(
                page.items().stream().map(TaskResponse::of).toList(), page.nextCursor(), page.total());
    }

    @Operation(operationId = "getTask", summary = "Get a task")
    @ApiResponse(responseCode = "200", description = "the task")
    @ApiResponse(responseCode = "404", description = "no such task")
    @GetMapping("/{id}")
    TaskResponse get(@Parameter(description = "the task's id") @PathVariable String id) {
        return TaskResponse.of(forTask(id, taskId -> client.get(caller.tenantId(), taskId)));
    }

    @Operation(
            operationId = "updateTask",
            summary = "Change a task's title, description, priority or tags",
            description =
                    "Only the fields sent change; any other field is refused. A new priority reorders a waiting task.")
    @ApiResponse(responseCode = "200", description = "the changed task")
    @ApiResponse(responseCode = "400", description = "a parameter or the body cannot be read")
    @ApiResponse(responseCode = "404", description = "no such task")
    @ApiResponse(responseCode = "422", description = "a value is out of bounds; `errors` names each field")
    @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    TaskResponse update(
            @Parameter(description = "the task's id") @PathVariable String id,
            @RequestBody TaskRequests.PatchTask body) {
        return TaskResponse.of(
                forTask(id, taskId -> client.update(caller.tenantId(), taskId, body.toPatch(), actor())));
    }

    /** Soft delete; a RUNNING task only with {@code force=true}, which cancels it first. */
    @Operation(
            operationId = "deleteTask",
            summary = "Delete a task",
            description = "Soft delete. A RUNNING task only with `force=true`, which cancels it first.")
    @ApiResponse(responseCode = "204", description = "deleted")
    @ApiResponse(responseCode = "404", description = "no such task")
    @ApiResponse(responseCode = "409", description = "the task is RUNNING and `force` is not true")
    // No body to answer: any Accept is fine (a client asking only for problem+json must not get 406).
    @DeleteMapping(path = "/{id}", produces = MediaType.ALL_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(
            @Parameter(description = "the task's id") @PathVariable String id,
            @Parameter(description = "cancel a RUNNING task and delete it", schema = @Schema(type = "boolean"))
                    @RequestParam(required = false)
                    String force) {
        forTask(id, taskId -> client.delete(caller.tenantId(), taskId, bool("force", force), actor()));
    }

    @Operation(
            operationId = "cancelTask",
            summary = "Cancel a task",
            description = "A waiting task is CANCELLED at once; a RUNNING one is signalled"
                    + " (`cancelRequested: true`) and ends CANCELLED when its handler stops.")
    @ApiResponse(responseCode = "202", description = "the task after the change")
    @ApiResponse(responseCode = "404", description = "no such task")
    @ApiResponse(responseCode = "409", description = "the task has already finished")
    @PostMapping("/{id}/cancel")
    @ResponseStatus(HttpStatus.ACCEPTED)
    TaskResponse cancel(@Parameter(description = "the task's id") @PathVariable String id) {
        return TaskResponse.of(forTask(id, taskId -> client.cancel(caller.tenantId(), taskId, actor())));
    }

    @Operation(
            operationId = "retryTask",
            summary = "Run a FAILED or CANCELLED task again",
            description = "Queues it with one more attempt allowed.")
    @ApiResponse(responseCode = "202", description = "the task, QUEUED again")
    @ApiResponse(responseCode = "404", description = "no such task")
    @ApiResponse(
            responseCode = "409",
            description = "the task is neither FAILED nor CANCELLED, or its unique key is held")
    @PostMapping("/{id}/retry")
    @ResponseStatus(HttpStatus.ACCEPTED)
    TaskResponse retry(@Parameter(description = "the task's id") @PathVariable String id) {
        return TaskResponse.of(forTask(id, taskId -> client.retry(caller.tenantId(), taskId, actor())));
    }

    @Operation(
            operationId = "listTaskEvents",
            summary = "A task's history",
            description = "Every transition, attempt, error and edit, oldest first.")
    @ApiResponse(responseCode = "200", description = "the events")
    @ApiResponse(responseCode = "404", description = "no such task")
    @GetMapping("/{id}/events")
    EventListResponse events(@Parameter(description = "the task's id") @PathVariable String id) {
        List<TaskEvent> events = forTask(id, taskId -> client.events(caller.tenantId(), taskId));
        return new EventListResponse(events.stream().map(TaskController::event).toList());
    }

    @Operation(
            operationId = "listTaskLogs",
            summary = "A task's log lines",
            description = "Lines with `seq > after`, oldest first; pass `nextAfter` to read on.")
    @ApiResponse(responseCode = "200", description = "one page of log lines")
    @ApiResponse(responseCode = "400", description = "a parameter or the body cannot be read")
    @ApiResponse(responseCode = "404", description = "no such task")
    @ApiResponse(responseCode = "422", description = "a value is out of bounds; `errors` names each field")
    @GetMapping("/{id}/logs")
    LogPageResponse logs(
            @Parameter(description = "the task's id") @PathVariable String id,
            @Parameter(
                            description = "lines after this seq (default 0: from the first)",
                            schema = @Schema(type = "integer", format = "int64", minimum = "0", example = "0"))
                    @RequestParam(required = false)
                    String after,
            @Parameter(
                            description = "most lines, 1..1000 (default 200)",
                            schema = @Schema(type = "integer", minimum = "1", maximum = "1000", example = "200"))
                    @RequestParam(required = false)
                    String limit) {
        LogPage page = forTask(id, taskId -> {
            long afterSeq = number("after", after, 0);
            int max = (int) Math.min(Integer.MAX_VALUE, number("limit", limit, DEFAULT_LOG_PAGE));
            return client.logs(caller.tenantId(), taskId, afterSeq, max);
        });
        return new LogPageResponse(
                page.items().stream().map(LogLineResponse::of).toList(), page.nextAfter());
    }

    private static EventResponse event(TaskEvent e) {
        return new EventResponse(
                e.at(),
                e.type().wireName(),
                e.fromStatus() == null ? null : e.fromStatus().name(),
                e.toStatus() == null ? null : e.toStatus().name(),
                e.attempt(),
                e.message(),
                e.error() == null
                        ? null
                        : new TaskResponse.ErrorResponse(
                                e.error().type(), e.error().message(), e.error().stack()),
                e.actor());
    }

    /**
     * What {@code call} answers for the task {@code id} names: 404 when the id cannot name a task
     * (before {@code call} checks anything else) or when there is no such task.
     */
    private static <T> T forTask(String id, Function<String, Optional<T>> call) {
        String taskId = NotFoundException.checkTaskId(id);
        return call.apply(taskId).orElseThrow(() -> NotFoundException.task(taskId));
    }

    private static long number(String field, String value, long fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(field, "must be an integer");
        }
    }

    private static boolean bool(String field, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidRequestException(field, "must be true or false");
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Who a task's history names for a change made through this request: the user or key's name. */
    private String actor() {
        return caller.caller().subject();
    }
}
