package io.taskforge.testkit;

import io.taskforge.task.Priority;
import io.taskforge.task.Task;
import io.taskforge.task.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a task that read like the domain: {@code assertThatTask(t).hasStatus(SUCCEEDED).hasAttempt(1)}. */
public final class TaskAssert extends AbstractAssert<TaskAssert, Task> {

    private TaskAssert(Task actual) {
        super(actual, TaskAssert.class);
    }

    public static TaskAssert assertThatTask(Task actual) {
        return new TaskAssert(actual);
    }

    /** Fails unless the task is there. */
    public static TaskAssert assertThatTask(Optional<Task> actual) {
        if (actual == null || actual.isEmpty()) {
            throw new AssertionError("Expected a task but there was none");
        }
        return new TaskAssert(actual.get());
    }

    public TaskAssert hasId(String id) {
        return check("id", id, actual.id());
    }

    public TaskAssert hasStatus(TaskStatus status) {
        return check("status", status, actual.status());
    }

    public TaskAssert hasAttempt(int attempt) {
        return check("attempt", attempt, actual.attempt());
    }

    public TaskAssert hasMaxAttempts(int maxAttempts) {
        return check("maxAttempts", maxAttempts, actual.maxAttempts());
    }

    public TaskAssert hasPriority(Priority priority) {
        return check("priority", priority, actual.priority());
    }

    public TaskAssert hasQueue(String queue) {
        return check("queue", queue, actual.queue());
    }

    public TaskAssert hasTitle(String title) {
        return check("title", title, actual.title());
    }

    public TaskAssert hasDescription(String description) {
        return check("description", description, actual.description());
    }

    public TaskAssert hasTags(String... tags) {
        return check("tags", List.of(tags), actual.tags());
    }

    public TaskAssert hasWorker(String workerId) {
        return check("workerId", workerId, actual.workerId());
    }

    public TaskAssert hasLeaseUntil(Instant leaseUntil) {
        return check("leaseUntil", leaseUntil, actual.leaseUntil());
    }

    public TaskAssert hasNoLease() {
        return check("leaseUntil", null, actual.leaseUntil());
    }

    public TaskAssert hasRunAt(Instant runAt) {
        return check("runAt", runAt, actual.runAt());
    }

    public TaskAssert hasStartedAt(Instant startedAt) {
        return check("startedAt", startedAt, actual.startedAt());
    }

    public TaskAssert hasFinishedAt(Instant finishedAt) {
        return check("finishedAt", finishedAt, actual.finishedAt());
    }

    public TaskAssert isNotFinished() {
        return check("finishedAt", null, actual.finishedAt());
    }

    public TaskAssert hasUpdatedAt(Instant updatedAt) {
        return check("updatedAt", updatedAt, actual.updatedAt());
    }

    public TaskAssert hasErrorType(String type) {
        isNotNull();
        if (actual.error() == null) {
            failWithMessage("Expected task %s to have an error of type <%s> but it had none", actual.id(), type);
        }
        return check("error.type", type, actual.error().type());
    }

    public TaskAssert hasErrorMessage(String message) {
        isNotNull();
        if (actual.error() == null) {
            failWithMessage("Expected task %s to have an error <%s> but it had none", actual.id(), message);
        }
        return check("error.message", message, actual.error().message());
    }

    public TaskAssert hasNoError() {
        return check("error", null, actual.error());
    }

    public TaskAssert isCancelRequested() {
        return check("cancelRequested", true, actual.cancelRequested());
    }

    public TaskAssert isNotCancelRequested() {
        return check("cancelRequested", false, actual.cancelRequested());
    }

    public TaskAssert hasProgress(int percent, String message) {
        isNotNull();
        if (actual.progress() == null) {
            failWithMessage("Expected task %s to have progress %s%% but it had none", actual.id(), percent);
        }
        check("progress.percent", percent, actual.progress().percent());
        return check("progress.message", message, actual.progress().message());
    }

    public TaskAssert hasNoProgress() {
        return check("progress", null, actual.progress());
    }

    /** Equal as JSON (spacing and key order do not matter). */
    public TaskAssert hasPayload(String json) {
        return checkJson("payload", json, actual.payload());
    }

    /** Equal as JSON (spacing and key order do not matter). */
    public TaskAssert hasResult(String json) {
        return checkJson("result", json, actual.result());
    }

    private TaskAssert checkJson(String field, String expected, String actualJson) {
        isNotNull();
        if (!JsonText.sameJson(expected, actualJson)) {
            failWithMessage(
                    "Expected task %s to have %s <%s> but it was <%s>", actual.id(), field, expected, actualJson);
        }
        return this;
    }

    private TaskAssert check(String field, Object expected, Object value) {
        isNotNull();
        if (!Objects.equals(expected, value)) {
            failWithMessage("Expected task %s to have %s <%s> but it was <%s>", actual.id(), field, expected, value);
        }
        return this;
    }
}
