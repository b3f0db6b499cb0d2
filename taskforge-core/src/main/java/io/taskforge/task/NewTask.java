package io.taskforge.task;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a caller asks for when submitting a task. Null fields take the defaults of the
 * {@link io.taskforge.client.TaskforgeClient} that submits it. {@code payload} is JSON text.
 * At most one of {@code runAt} and {@code delay} may be set.
 */
public record NewTask(
        String type,
        String title,
        String description,
        String payload,
        String queue,
        Priority priority,
        List<String> tags,
        Integer maxAttempts,
        Integer timeoutSeconds,
        Instant runAt,
        Duration delay,
        String uniqueKey,
        String idempotencyKey,
        String owner,
        String traceParent) {

    public NewTask {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public static Builder ofType(String type) {
        return new Builder(type);
    }

    public Builder toBuilder() {
        Builder b = new Builder(type);
        b.title = title;
        b.description = description;
        b.payload = payload;
        b.queue = queue;
        b.priority = priority;
        b.tags = tags;
        b.maxAttempts = maxAttempts;
        b.timeoutSeconds = timeoutSeconds;
        b.runAt = runAt;
        b.delay = delay;
        b.uniqueKey = uniqueKey;
        b.idempotencyKey = idempotencyKey;
        b.owner = owner;
        b.traceParent = traceParent;
        return b;
    }

    /** Fluent construction for Java callers: {@code NewTask.ofType("shell").payload(json).build()}. */
    public static final class Builder {
        private final String type;
        private String title;
        private String description;
        private String payload;
        private String queue;
        private Priority priority;
        private List<String> tags = List.of();
        private Integer maxAttempts;
        private Integer timeoutSeconds;
        private Instant runAt;
        private Duration delay;
        private String uniqueKey;
        private String idempotencyKey;
        private String owner;
        private String traceParent;

        private Builder(String type) {
            this.type = type;
        }

        public Builder title(String v) {
            title = v;
            return this;
        }

        public Builder description(String v) {
            description = v;
            return this;
        }

        /** JSON text. */
        public Builder payload(String v) {
            payload = v;
            return this;
        }

        public Builder queue(String v) {
            queue = v;
            return this;
        }

        public Builder priority(Priority v) {
            priority = v;
            return this;
        }

        public Builder tags(List<String> v) {
            tags = v;
            return this;
        }

        public Builder tags(String... v) {
            tags = List.of(v);
            return this;
        }

        public Builder maxAttempts(Integer v) {
            maxAttempts = v;
            return this;
        }

        public Builder timeoutSeconds(Integer v) {
            timeoutSeconds = v;
            return this;
        }

        public Builder runAt(Instant v) {
            runAt = v;
            return this;
        }

        public Builder delay(Duration v) {
            delay = v;
            return this;
        }

        public Builder uniqueKey(String v) {
            uniqueKey = v;
            return this;
        }

        public Builder idempotencyKey(String v) {
            idempotencyKey = v;
            return this;
        }

        public Builder owner(String v) {
            owner = v;
            return this;
        }

        public Builder traceParent(String v) {
            traceParent = v;
            return this;
        }

        public NewTask build() {
            return new NewTask(
                    type,
                    title,
                    description,
                    payload,
                    queue,
                    priority,
                    tags,
                    maxAttempts,
                    timeoutSeconds,
                    runAt,
                    delay,
                    uniqueKey,
                    idempotencyKey,
                    owner,
                    traceParent);
        }
    }
}
