package io.taskforge.task;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Filters, order and page of a task list. Empty collections and nulls mean "any". Every tag in
 * {@code tags} must be on a task for it to match. {@code text} matches title or description,
 * case-insensitively. {@code cursor} is the {@code nextCursor} of the previous page. {@code
 * tenantId} limits the list to one tenant's tasks; null lists every tenant's (an embedding
 * application with one tenant, maintenance tools), so the API always sets it.
 */
public record TaskQuery(
        Set<TaskStatus> statuses,
        Set<Priority> priorities,
        List<String> tags,
        String queue,
        String type,
        String text,
        Instant createdAfter,
        Instant createdBefore,
        String pipelineRunId,
        TaskSort sort,
        int limit,
        String cursor,
        boolean includeTotal,
        String tenantId) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public TaskQuery {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        priorities = priorities == null ? Set.of() : Set.copyOf(priorities);
        tags = tags == null ? List.of() : List.copyOf(tags);
        sort = sort == null ? TaskSort.CREATED_AT_DESC : sort;
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", was " + limit);
        }
    }

    /** This query limited to the tasks of one tenant. */
    public TaskQuery inTenant(String tenant) {
        return new TaskQuery(
                statuses,
                priorities,
                tags,
                queue,
                type,
                text,
                createdAfter,
                createdBefore,
                pipelineRunId,
                sort,
                limit,
                cursor,
                includeTotal,
                tenant);
    }

    public static TaskQuery all() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private Set<TaskStatus> statuses = Set.of();
        private Set<Priority> priorities = Set.of();
        private List<String> tags = List.of();
        private String queue;
        private String type;
        private String text;
        private Instant createdAfter;
        private Instant createdBefore;
        private String pipelineRunId;
        private TaskSort sort = TaskSort.CREATED_AT_DESC;
        private int limit = DEFAULT_LIMIT;
        private String cursor;
        private boolean includeTotal;
        private String tenantId;

        public Builder statuses(Set<TaskStatus> v) {
            statuses = v;
            return this;
        }

        public Builder status(TaskStatus... v) {
            statuses = Set.of(v);
            return this;
        }

        public Builder priorities(Set<Priority> v) {
            priorities = v;
            return this;
        }

        public Builder tags(List<String> v) {
            tags = v;
            return this;
        }

        public Builder queue(String v) {
            queue = v;
            return this;
        }

        public Builder type(String v) {
            type = v;
            return this;
        }

        public Builder text(String v) {
            text = v;
            return this;
        }

        public Builder createdAfter(Instant v) {
            createdAfter = v;
            return this;
        }

        public Builder createdBefore(Instant v) {
            createdBefore = v;
            return this;
        }

        public Builder pipelineRunId(String v) {
            pipelineRunId = v;
            return this;
        }

        public Builder sort(TaskSort v) {
            sort = v;
            return this;
        }

        public Builder limit(int v) {
            limit = v;
            return this;
        }

        public Builder cursor(String v) {
            cursor = v;
            return this;
        }

        public Builder includeTotal(boolean v) {
            includeTotal = v;
            return this;
        }

        public Builder tenantId(String v) {
            tenantId = v;
            return this;
        }

        public TaskQuery build() {
            return new TaskQuery(
                    statuses,
                    priorities,
                    tags,
                    queue,
                    type,
                    text,
                    createdAfter,
                    createdBefore,
                    pipelineRunId,
                    sort,
                    limit,
                    cursor,
                    includeTotal,
                    tenantId);
        }
    }
}
