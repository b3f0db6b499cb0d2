package io.taskforge.server.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.taskforge.client.TaskValidationException;
import io.taskforge.client.TaskforgeClient;
import io.taskforge.server.problem.InvalidRequestException;
import io.taskforge.server.problem.NotFoundException;
import io.taskforge.store.Inserted;
import io.taskforge.task.LogPage;
import io.taskforge.task.NewTask;
import io.taskforge.task.Task;
import io.taskforge.task.TaskEvent;
import io.taskforge.task.TaskIds;
import io.taskforge.task.TaskPage;
import io.taskforge.task.TaskQuery;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Tasks section of API.md. Every call goes through {@link TaskforgeClient}, which checks bounds
 * before anything is written; this class only translates HTTP to it and back.
 */
@RestController
@RequestMapping(path = "/api/v1/tasks", produces = MediaType.APPLICATION_JSON_VALUE)
class TaskController {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final int DEFAULT_LOG_PAGE = 200;

    private final TaskforgeClient client;
    private final JsonMapper json;

    TaskController(TaskforgeClient client, JsonMapper json) {
        this.client = client;
        this.json = json;
    }

    /** {@code total} only when asked for ({@code includeTotal=true}): counting costs. */
    record TaskListResponse(
            List<TaskResponse> items,
            String nextCursor,
            @JsonInclude(JsonInclude.Include.NON_NULL) Long total) {}

    record BatchResponse(List<TaskResponse> items) {}

    record EventResponse(
            Instant at,
            String type,
            String fromStatus,
            String toStatus,
            int attempt,
            String message,
            TaskResponse.ErrorResponse error,
            String actor) {}

    record EventListResponse(List<EventResponse> items) {}

    record LogPageResponse(List<LogLineResponse> items, long nextAfter) {}

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TaskResponse> create(
            @RequestBody TaskRequests.CreateTask body,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        NewTask task = body.toNewTask(json, blankToNull(idempotencyKey), "");
        Inserted inserted = client.submitAll(List.of(task), "").getFirst();
        ResponseEntity.BodyBuilder answer = ResponseEntity.created(location(inserted.task()));
        if (!inserted.created()) {
            answer.header("Idempotent-Replayed", "true");
        }
        return answer.body(TaskResponse.of(inserted.task()));
    }

    /**
     * All or nothing. With an {@code Idempotency-Key} header each task gets the key {@code key#i}, so
     * repeating the whole request returns the same tasks.
     */
    @PostMapping(path = "/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<BatchResponse> createBatch(
            @RequestBody TaskRequests.CreateBatch body,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        String key = blankToNull(idempotencyKey);
        List<TaskRequests.CreateTask> requests = body.tasks() == null ? List.of() : body.tasks();
        List<NewTask> tasks = new ArrayList<>(requests.size());
        int max = client.defaults().maxBatchSize();
        if (requests.size() > max) {
            throw new TaskValidationException("tasks", "at most " + max + " tasks per batch, got " + requests.size());
        }
        for (int i = 0; i < requests.size(); i++) {
            TaskRequests.CreateTask r = requests.get(i);
            tasks.add(r == null ? null : r.toNewTask(json, key == null ? null : key + "#" + i, "tasks[" + i + "]."));
        }
        List<Inserted> inserted = client.submitAll(tasks, "tasks");
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new BatchResponse(
                        inserted.stream().map(i -> TaskResponse.of(i.task())).toList()));
    }

    @GetMapping
    TaskListResponse list(
            @RequestParam(required = false) List<String> status,
            @RequestParam(required = false) List<String> priority,
            @RequestParam(required = false) List<String> tag,
            @RequestParam(required = false) String queue,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String createdAfter,
            @RequestParam(required = false) String createdBefore,
            @RequestParam(required = false) String pipelineRunId,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String includeTotal) {
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
        TaskPage page = client.list(query);
        return new TaskListResponse(
                page.items().stream().map(TaskResponse::of).toList(), page.nextCursor(), page.total());
    }

    @GetMapping("/{id}")
    TaskResponse get(@PathVariable String id) {
        String taskId = checkId(id);
        return TaskResponse.of(client.get(taskId).orElseThrow(() -> NotFoundException.task(taskId)));
    }

    @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    TaskResponse update(@PathVariable String id, @RequestBody TaskRequests.PatchTask body) {
        String taskId = checkId(id);
        return TaskResponse.of(
                client.update(taskId, body.toPatch(), null).orElseThrow(() -> NotFoundException.task(taskId)));
    }

    /** Soft delete; a RUNNING task only with {@code force=true}, which cancels it first. */
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id, @RequestParam(required = false) String force) {
        String taskId = checkId(id);
        client.delete(taskId, bool("force", force), null).orElseThrow(() -> NotFoundException.task(taskId));
    }

    @PostMapping("/{id}/cancel")
    @ResponseStatus(HttpStatus.ACCEPTED)
    TaskResponse cancel(@PathVariable String id) {
        String taskId = checkId(id);
        return TaskResponse.of(client.cancel(taskId).orElseThrow(() -> NotFoundException.task(taskId)));
    }

    @PostMapping("/{id}/retry")
    @ResponseStatus(HttpStatus.ACCEPTED)
    TaskResponse retry(@PathVariable String id) {
        String taskId = checkId(id);
        return TaskResponse.of(client.retry(taskId).orElseThrow(() -> NotFoundException.task(taskId)));
    }

    @GetMapping("/{id}/events")
    EventListResponse events(@PathVariable String id) {
        String taskId = checkId(id);
        List<TaskEvent> events = client.events(taskId).orElseThrow(() -> NotFoundException.task(taskId));
        return new EventListResponse(events.stream().map(TaskController::event).toList());
    }

    @GetMapping("/{id}/logs")
    LogPageResponse logs(
            @PathVariable String id,
            @RequestParam(required = false) String after,
            @RequestParam(required = false) String limit) {
        String taskId = checkId(id);
        long afterSeq = number("after", after, 0);
        int max = (int) Math.min(Integer.MAX_VALUE, number("limit", limit, DEFAULT_LOG_PAGE));
        LogPage page = client.logs(taskId, afterSeq, max).orElseThrow(() -> NotFoundException.task(taskId));
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

    /** An id that cannot name a task is answered like an unknown one, without asking the store. */
    static String checkId(String id) {
        if (!TaskIds.isValid(id)) {
            throw NotFoundException.task(id);
        }
        return id.toLowerCase(Locale.ROOT);
    }

    private static URI location(Task task) {
        return ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/tasks/{id}")
                .buildAndExpand(task.id())
                .toUri();
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
}
