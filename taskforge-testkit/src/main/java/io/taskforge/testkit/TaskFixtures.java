package io.taskforge.testkit;

import io.taskforge.task.Priority;
import io.taskforge.task.Progress;
import io.taskforge.task.Task;
import io.taskforge.task.TaskIds;
import io.taskforge.task.TaskStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Task rows ready to insert, described in the domain's words:
 *
 * <pre>{@code
 * Task t = aTask().withStatus(SCHEDULED).withRunAt(later).withPriority(HIGH).build();
 * }</pre>
 *
 * Defaults: a QUEUED {@code noop} task in queue {@code default}, NORMAL priority, three attempts,
 * created at {@link #T0} (where a {@link SettableClock} starts) and due then. Each {@code build()}
 * makes a new id; ids of one process increase in build order, so FIFO ties break as built.
 */
public final class TaskFixtures {
    /** Where {@link SettableClock} starts. */
    public static final Instant T0 = new SettableClock().instant();

    private TaskFixtures() {}

    public static TaskBuilder aTask() {
        return new TaskBuilder();
    }

    public static final class TaskBuilder {
        private String id;
        private String tenantId = "default";
        private String type = "noop";
        private String title;
        private String description;
        private String payload = "{}";
        private String queue = "default";
        private Priority priority = Priority.NORMAL;
        private TaskStatus status = TaskStatus.QUEUED;
        private List<String> tags = List.of();
        private int attempt;
        private int maxAttempts = 3;
        private int timeoutSeconds = 300;
        private Instant runAt;
        private Progress progress;
        private String uniqueKey;
        private String idempotencyKey;
        private String owner;
        private String pipelineRunId;
        private String node;
        private String traceParent;
        private Instant createdAt = T0;

        private TaskBuilder() {}

        public TaskBuilder withId(String v) {
            id = v;
            return this;
        }

        public TaskBuilder withTenant(String v) {
            tenantId = v;
            return this;
        }

        public TaskBuilder withType(String v) {
            type = v;
            return this;
        }

        public TaskBuilder withTitle(String v) {
            title = v;
            return this;
        }

        public TaskBuilder withDescription(String v) {
            description = v;
            return this;
        }

        /** JSON text. */
        public TaskBuilder withPayload(String v) {
            payload = v;
            return this;
        }

        public TaskBuilder withQueue(String v) {
            queue = v;
            return this;
        }

        public TaskBuilder withPriority(Priority v) {
            priority = v;
            return this;
        }

        public TaskBuilder withStatus(TaskStatus v) {
            status = v;
            return this;
        }

        public TaskBuilder withTags(String... v) {
            tags = List.of(v);
            return this;
        }

        public TaskBuilder withAttempt(int v) {
            attempt = v;
            return this;
        }

        public TaskBuilder withMaxAttempts(int v) {
            maxAttempts = v;
            return this;
        }

        public TaskBuilder withTimeoutSeconds(int v) {
            timeoutSeconds = v;
            return this;
        }

        /** When it is due; defaults to its creation time. */
        public TaskBuilder withRunAt(Instant v) {
            runAt = v;
            return this;
        }

        public TaskBuilder withProgress(int percent, String message) {
            progress = new Progress(percent, message);
            return this;
        }

        public TaskBuilder withUniqueKey(String v) {
            uniqueKey = v;
            return this;
        }

        public TaskBuilder withIdempotencyKey(String v) {
            idempotencyKey = v;
            return this;
        }

        public TaskBuilder withOwner(String v) {
            owner = v;
            return this;
        }

        public TaskBuilder withPipelineRun(String runId, String nodeName) {
            pipelineRunId = runId;
            node = nodeName;
            return this;
        }

        public TaskBuilder withTraceParent(String v) {
            traceParent = v;
            return this;
        }

        /** Creation (and last update) time, truncated to milliseconds as stores keep it. */
        public TaskBuilder createdAt(Instant v) {
            createdAt = v.truncatedTo(ChronoUnit.MILLIS);
            return this;
        }

        public Task build() {
            Instant due = runAt == null ? createdAt : runAt.truncatedTo(ChronoUnit.MILLIS);
            return new Task(
                    id == null ? TaskIds.next(createdAt.toEpochMilli()) : id,
                    tenantId,
                    type,
                    title,
                    description,
                    payload,
                    queue,
                    priority,
                    status,
                    tags,
                    attempt,
                    maxAttempts,
                    timeoutSeconds,
                    due,
                    null,
                    null,
                    progress,
                    null,
                    null,
                    uniqueKey,
                    idempotencyKey,
                    owner,
                    pipelineRunId,
                    node,
                    traceParent,
                    false,
                    createdAt,
                    createdAt,
                    null,
                    null);
        }
    }
}
