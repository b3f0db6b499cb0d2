package io.taskforge.server.audit;

import io.taskforge.audit.AuditEvent;
import io.taskforge.audit.AuditQuery;
import io.taskforge.audit.Outcome;
import io.taskforge.server.problem.QueryParams;

/**
 * Reads the query parameters of {@code GET /audit} into an {@link AuditQuery}, collecting every
 * problem: values that cannot be read (an unknown outcome, a time that is not ISO-8601) are a 400,
 * values out of bounds (limit 0, a name longer than any stored) a 422.
 */
final class AuditListParams {
    private AuditListParams() {}

    /** The query over {@code tenantId}'s events, or every tenant's when it is null. */
    static AuditQuery parse(
            String tenantId,
            String actor,
            String action,
            String targetType,
            String targetId,
            String outcome,
            String from,
            String to,
            String limit,
            String cursor) {
        var p = new QueryParams();
        AuditQuery.Builder b = AuditQuery.forTenant(tenantId)
                .actor(p.bounded("actor", actor, AuditEvent.MAX_ACTOR_CHARS))
                .action(p.bounded("action", action, AuditEvent.MAX_ACTION_CHARS))
                .targetType(p.bounded("targetType", targetType, AuditEvent.MAX_TARGET_TYPE_CHARS))
                .targetId(p.bounded("targetId", targetId, AuditEvent.MAX_TARGET_ID_CHARS))
                .outcome(p.enumValue("outcome", outcome, Outcome.class))
                .from(p.instant("from", from))
                .to(p.instant("to", to))
                .limit(p.limit(limit, AuditQuery.DEFAULT_LIMIT, AuditQuery.MAX_LIMIT))
                .cursor(p.bounded("cursor", cursor, 1000));
        p.check();
        return b.build();
    }
}
