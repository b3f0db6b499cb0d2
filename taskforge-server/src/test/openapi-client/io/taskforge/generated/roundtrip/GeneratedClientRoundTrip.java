package io.taskforge.generated.roundtrip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.taskforge.generated.ApiClient;
import io.taskforge.generated.ApiException;
import io.taskforge.generated.api.RemoteWorkersApi;
import io.taskforge.generated.api.TagsApi;
import io.taskforge.generated.api.TasksApi;
import io.taskforge.generated.model.CreateTag;
import io.taskforge.generated.model.CreateTask;
import io.taskforge.generated.model.FieldError;
import io.taskforge.generated.model.LogLineResponse;
import io.taskforge.generated.model.PatchTask;
import io.taskforge.generated.model.Problem;
import io.taskforge.generated.model.TagResponse;
import io.taskforge.generated.model.TaskEventResponse;
import io.taskforge.generated.model.TaskListResponse;
import io.taskforge.generated.model.TaskResponse;
import io.taskforge.generated.model.WorkerClaimRequest;
import io.taskforge.generated.model.WorkerCompleteRequest;
import io.taskforge.generated.model.WorkerHeartbeatRequest;
import io.taskforge.generated.model.WorkerLogLine;
import io.taskforge.generated.model.WorkerLogLineItem;
import io.taskforge.generated.model.WorkerLogsRequest;
import io.taskforge.generated.model.WorkerProgressRequest;
import io.taskforge.generated.model.WorkerReportOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Drives a running server through the Java client that openapi-generator made from the server's own
 * {@code /v3/api-docs}. OpenApiClientTest compiles this file together with the generated sources:
 * an operation, parameter or field the document names differently from what the server does fails
 * to compile or fails here.
 */
public final class GeneratedClientRoundTrip {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final TasksApi tasks;
    private final TagsApi tags;
    private final RemoteWorkersApi workers;
    private final ApiClient client;
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    private GeneratedClientRoundTrip(String baseUrl, String token) {
        client = new ApiClient();
        client.updateBaseUri(baseUrl);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        tasks = new TasksApi(client);
        tags = new TagsApi(client);
        workers = new RemoteWorkersApi(client);
    }

    /** Runs every step; returns what it checked, for the test's report. */
    public static List<String> run(String baseUrl, String token) throws Exception {
        GeneratedClientRoundTrip t = new GeneratedClientRoundTrip(baseUrl, token);
        return List.of(
                t.aTaskRunsToSucceededAndIsFoundByFilters(),
                t.aRemoteWorkerClaimsLogsAndCompletes(),
                t.aWaitingTaskIsEditedCancelledRetriedAndDeleted(),
                t.anUnknownTaskAnswers404WithAProblem(),
                t.anInvalidTaskAnswers422NamingTheField());
    }

    private String aTaskRunsToSucceededAndIsFoundByFilters() throws Exception {
        String tag = "generated-" + suffix;
        TagResponse created = tags.createTag(new CreateTag().name(tag).color("#123456"));
        assertThat(created.getName()).isEqualTo(tag);
        assertThat(tags.listTags().getItems()).extracting(TagResponse::getName).contains(tag);

        TaskResponse task = tasks.createTask(
                new CreateTask()
                        .type("noop")
                        .title("generated client " + suffix)
                        .queue("default")
                        .priority(CreateTask.PriorityEnum.HIGH)
                        .tags(List.of(tag))
                        .payload(Map.of("n", 42))
                        .maxAttempts(2),
                "generated-" + suffix);
        assertThat(task.getId()).isNotBlank();
        assertThat(task.getPayload()).isEqualTo(Map.of("n", 42));
        assertThat(task.getPriority()).isEqualTo(TaskResponse.PriorityEnum.HIGH);
        TaskResponse replayed = tasks.createTask(new CreateTask().type("noop").queue("default"), "generated-" + suffix);
        assertThat(replayed.getId()).as("the idempotency key returns the first task").isEqualTo(task.getId());

        TaskResponse done = awaitStatus(task.getId(), TaskResponse.StatusEnum.SUCCEEDED);
        assertThat(done.getAttempt()).isEqualTo(1);
        assertThat(done.getFinishedAt()).isNotNull();

        TaskListResponse found = tasks.listTasks(
                List.of("SUCCEEDED"), List.of("HIGH"), List.of(tag), "default", "noop", suffix, null, null, null,
                "-createdAt", 10, null, true);
        assertThat(found.getItems()).extracting(TaskResponse::getId).containsExactly(task.getId());
        assertThat(found.getTotal()).isEqualTo(1L);
        TaskListResponse none = tasks.listTasks(
                List.of("FAILED"), null, List.of(tag), null, null, null, null, null, null, null, null, null, null);
        assertThat(none.getItems()).isEmpty();

        List<String> events = tasks.listTaskEvents(task.getId()).getItems().stream()
                .map(TaskEventResponse::getType)
                .toList();
        assertThat(events).contains("created", "started", "succeeded");
        return "task " + task.getId() + " created, SUCCEEDED, listed by filters, events " + events;
    }

    private String aRemoteWorkerClaimsLogsAndCompletes() throws Exception {
        String queue = "generated-remote-" + suffix;
        String worker = "generated-worker-" + suffix;
        TaskResponse task = tasks.createTask(new CreateTask().type("gen.remote").queue(queue), null);

        List<TaskResponse> claimed = workers.claimTasks(new WorkerClaimRequest()
                        .workerId(worker)
                        .queues(List.of(queue))
                        .max(5)
                        .leaseSeconds(30))
                .getItems();
        assertThat(claimed).extracting(TaskResponse::getId).containsExactly(task.getId());
        int attempt = claimed.getFirst().getAttempt();

        workers.appendTaskLogs(
                task.getId(),
                new WorkerLogsRequest()
                        .workerId(worker)
                        .attempt(attempt)
                        .lines(List.of(
                                new WorkerLogLineItem("hello from the generated client"),
                                new WorkerLogLineItem(new WorkerLogLine()
                                        .stream(WorkerLogLine.StreamEnum.STDERR)
                                        .line("a warning")))));
        workers.reportTaskProgress(
                task.getId(), new WorkerProgressRequest().workerId(worker).attempt(attempt).percent(50).message("half"));
        assertThat(workers.heartbeatTask(task.getId(), new WorkerHeartbeatRequest().workerId(worker).attempt(attempt))
                        .getCancelRequested())
                .isFalse();
        WorkerReportOutcome outcome = workers.completeTask(
                task.getId(),
                new WorkerCompleteRequest().workerId(worker).attempt(attempt).result(Map.of("ok", true)));
        assertThat(outcome.getStatus()).isEqualTo(WorkerReportOutcome.StatusEnum.SUCCEEDED);
        assertThat(outcome.getTask().getResult()).isEqualTo(Map.of("ok", true));

        List<LogLineResponse> lines =
                tasks.listTaskLogs(task.getId(), 0L, 100).getItems();
        assertThat(lines).extracting(LogLineResponse::getLine).containsExactly("hello from the generated client", "a warning");
        assertThat(lines)
                .extracting(l -> l.getStream().getValue())
                .containsExactly("stdout", "stderr");

        ApiException late = catchThrowableOfType(
                ApiException.class,
                () -> workers.heartbeatTask(
                        task.getId(), new WorkerHeartbeatRequest().workerId(worker).attempt(attempt)));
        assertThat(late.getCode()).isEqualTo(409);
        assertThat(problem(late).getType()).isEqualTo("urn:taskforge:problem:lease-lost");
        return "remote worker claimed, logged, completed " + task.getId() + "; a late heartbeat answered 409";
    }

    private String aWaitingTaskIsEditedCancelledRetriedAndDeleted() throws Exception {
        String idle = "generated-idle-" + suffix;
        TaskResponse task = tasks.createTask(new CreateTask().type("noop").queue(idle).title("before"), null);
        assertThat(task.getStatus()).isEqualTo(TaskResponse.StatusEnum.QUEUED);

        TaskResponse patched = tasks.updateTask(
                task.getId(), new PatchTask().title("after").priority(PatchTask.PriorityEnum.URGENT));
        assertThat(patched.getTitle()).isEqualTo("after");
        assertThat(tasks.cancelTask(task.getId()).getStatus()).isEqualTo(TaskResponse.StatusEnum.CANCELLED);
        ApiException again = catchThrowableOfType(ApiException.class, () -> tasks.cancelTask(task.getId()));
        assertThat(again.getCode()).isEqualTo(409);
        assertThat(tasks.retryTask(task.getId()).getStatus()).isEqualTo(TaskResponse.StatusEnum.QUEUED);
        tasks.deleteTask(task.getId(), null);
        assertThat(catchThrowableOfType(ApiException.class, () -> tasks.getTask(task.getId()))
                        .getCode())
                .isEqualTo(404);
        return "task " + task.getId() + " edited, cancelled (twice: 409), retried, deleted";
    }

    private String anUnknownTaskAnswers404WithAProblem() throws Exception {
        String unknown = UUID.randomUUID().toString();
        ApiException e = catchThrowableOfType(ApiException.class, () -> tasks.getTask(unknown));
        assertThat(e.getCode()).isEqualTo(404);
        Problem p = problem(e);
        assertThat(p.getStatus()).isEqualTo(404);
        assertThat(p.getType()).isEqualTo("urn:taskforge:problem:task-not-found");
        return "GET an unknown task: 404 " + p.getType();
    }

    private String anInvalidTaskAnswers422NamingTheField() throws Exception {
        ApiException e = catchThrowableOfType(
                ApiException.class, () -> tasks.createTask(new CreateTask().type("noop").maxAttempts(0), null));
        assertThat(e.getCode()).isEqualTo(422);
        Problem p = problem(e);
        assertThat(p.getErrors()).extracting(FieldError::getField).contains("maxAttempts");
        return "POST a task with maxAttempts 0: 422 naming " + p.getErrors().getFirst().getField();
    }

    private Problem problem(ApiException e) throws Exception {
        assertThat(e.getResponseHeaders().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        return client.getObjectMapper().readValue(e.getResponseBody(), Problem.class);
    }

    private TaskResponse awaitStatus(String id, TaskResponse.StatusEnum status) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        TaskResponse t = tasks.getTask(id);
        while (t.getStatus() != status && System.nanoTime() < deadline) {
            Thread.sleep(100);
            t = tasks.getTask(id);
        }
        assertThat(t.getStatus()).as("status of task %s", id).isEqualTo(status);
        return t;
    }
}
