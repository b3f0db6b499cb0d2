package io.taskforge.server.audit;

import io.taskforge.audit.AuditEvent;
import io.taskforge.audit.AuditQuery;
import io.taskforge.audit.Outcome;
import io.taskforge.client.FieldError;
import io.taskforge.client.TaskValidationException;
import io.taskforge.server.problem.InvalidRequestException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the query parameters of {@code GET /audit} into an {@link AuditQuery} of one tenant,
 * collecting every problem: values that cannot be read (an unknown outcome, a time that is not
 * ISO-8601) are a 400, values out of bounds (limit 0, a name longer than any stored) a 422.
 */
final class AuditListParams {
    private final List<FieldError> unreadable = new ArrayList<>();
    private final List<FieldError> outOfBounds = new ArrayList<>();

    private AuditListParams() {}

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
        var p = new AuditListParams();
        AuditQuery.Builder b = AuditQuery.forTenant(tenantId)
                .actor(p.bounded("actor", actor, AuditEvent.MAX_ACTOR_CHARS))
                .action(p.bounded("action", action, AuditEvent.MAX_ACTION_CHARS))
                .targetType(p.bounded("targetType", targetType, AuditEvent.MAX_TARGET_TYPE_CHARS))
                .targetId(p.bounded("targetId", targetId, AuditEvent.MAX_TARGET_ID_CHARS))
                .outcome(p.outcome(outcome))
                .from(p.instant("from", from))
                .to(p.instant("to", to))
                .limit(p.limit(limit))
                .cursor(p.bounded("cursor", cursor, 1000));
        if (!p.unreadable.isEmpty()) {
            throw new InvalidRequestException(p.unreadable);
        }
        if (!p.outOfBounds.isEmpty()) {
            throw new TaskValidationException(p.outOfBounds);
        }
        return b.build();
    }

    private String bounded(String field, String value, int maxChars) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > maxChars) {
            outOfBounds.add(new FieldError(field, "must be at most " + maxChars + " characters"));
            return null;
        }
        return value;
    }

    private Outcome outcome(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Outcome.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            unreadable.add(new FieldError("outcome", "'" + value + "' is not one of SUCCEEDED, DENIED, FAILED"));
            return null;
        }
    }

    private Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            // An unencoded '+' of an offset arrives as a space.
            return OffsetDateTime.parse(value.strip().replace(' ', '+')).toInstant();
        } catch (DateTimeParseException e) {
            unreadable.add(new FieldError(field, "must be an ISO-8601 timestamp such as 2026-01-31T12:00:00Z"));
            return null;
        }
    }

    private int limit(String value) {
        if (value == null || value.isBlank()) {
            return AuditQuery.DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            unreadable.add(new FieldError("limit", "must be an integer"));
            return AuditQuery.DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > AuditQuery.MAX_LIMIT) {
            outOfBounds.add(new FieldError("limit", "must be between 1 and " + AuditQuery.MAX_LIMIT));
            return AuditQuery.DEFAULT_LIMIT;
        }
        return limit;
    }
}
