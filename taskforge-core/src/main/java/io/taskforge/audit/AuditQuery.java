package io.taskforge.audit;

import java.time.Instant;

/**
 * Filters and page of the audit log, which is always read newest first. Nulls mean "any"; every
 * filter given must match. {@code cursor} is the {@code nextCursor} of the previous page.
 *
 * @param tenantId events of this tenant only; null reads every tenant's (for server-wide use, never
 *     for a tenant's members)
 * @param actor exactly this actor
 * @param action exactly this action ({@code task.cancel})
 * @param targetType exactly this kind of target
 * @param targetId exactly this target (with or without {@code targetType})
 * @param outcome this outcome
 * @param from events at or after this time
 * @param to events before this time
 * @param limit page size, 1..{@value #MAX_LIMIT}
 */
public record AuditQuery(
        String tenantId,
        String actor,
        String action,
        String targetType,
        String targetId,
        Outcome outcome,
        Instant from,
        Instant to,
        int limit,
        String cursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", was " + limit);
        }
    }

    /** Every event of one tenant, newest first. */
    public static Builder forTenant(String tenantId) {
        return new Builder().tenantId(tenantId);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String tenantId;
        private String actor;
        private String action;
        private String targetType;
        private String targetId;
        private Outcome outcome;
        private Instant from;
        private Instant to;
        private int limit = DEFAULT_LIMIT;
        private String cursor;

        private Builder() {}

        public Builder tenantId(String v) {
            tenantId = v;
            return this;
        }

        public Builder actor(String v) {
            actor = v;
            return this;
        }

        public Builder action(String v) {
            action = v;
            return this;
        }

        public Builder targetType(String v) {
            targetType = v;
            return this;
        }

        public Builder targetId(String v) {
            targetId = v;
            return this;
        }

        public Builder outcome(Outcome v) {
            outcome = v;
            return this;
        }

        public Builder from(Instant v) {
            from = v;
            return this;
        }

        public Builder to(Instant v) {
            to = v;
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

        public AuditQuery build() {
            return new AuditQuery(tenantId, actor, action, targetType, targetId, outcome, from, to, limit, cursor);
        }
    }
}
