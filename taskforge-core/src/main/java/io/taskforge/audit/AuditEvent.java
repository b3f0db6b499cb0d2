package io.taskforge.audit;

import io.taskforge.task.TaskIds;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One entry of the audit log: who did what to which thing in which tenant, from where, when, and
 * how it ended. Events are written once and never changed; only retention removes them.
 *
 * <p>Free-text fields are cut to their bound rather than refused (see the constants): an audit
 * entry must never be lost because a path variable or a user name was long. Times are kept to
 * the millisecond, as every store keeps them.
 *
 * @param id a UUIDv7 ({@link TaskIds#next}), so ids sort by the time they were made
 * @param tenantId the tenant the action was done in; null when it is not known (a request refused
 *     before its caller was known)
 * @param at when the action ended
 * @param actor the user's name, the API key's name, {@code system}, or what an anonymous caller
 *     claimed to be (a login name); null for nobody at all
 * @param actorKind what kind of caller the actor is
 * @param action what was done, {@code <resource>.<verb>} such as {@code task.cancel} or {@code
 *     auth.login}
 * @param targetType the kind of thing acted on ({@code task}, {@code script}, ...); null for none
 * @param targetId which one (an id or a name); null for none
 * @param clientAddress the address the request came from; null when there was no request
 * @param outcome how it ended
 * @param status the HTTP status of the answer; null for an action that was not an HTTP request
 * @param detail a short reason or note, never a request body or a secret; null for none
 */
public record AuditEvent(
        String id,
        String tenantId,
        Instant at,
        String actor,
        ActorKind actorKind,
        String action,
        String targetType,
        String targetId,
        String clientAddress,
        Outcome outcome,
        Integer status,
        String detail) {

    public static final int MAX_TENANT_CHARS = 200;
    public static final int MAX_ACTOR_CHARS = 200;
    public static final int MAX_ACTION_CHARS = 100;
    public static final int MAX_TARGET_TYPE_CHARS = 100;
    public static final int MAX_TARGET_ID_CHARS = 300;
    public static final int MAX_CLIENT_ADDRESS_CHARS = 100;
    public static final int MAX_DETAIL_CHARS = 500;

    public AuditEvent {
        if (!TaskIds.isValid(id)) {
            throw new IllegalArgumentException("not a UUID: " + id);
        }
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actorKind, "actorKind");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        if (action.isBlank()) {
            throw new IllegalArgumentException("an audit event needs an action");
        }
        at = at.truncatedTo(ChronoUnit.MILLIS);
        tenantId = cut(tenantId, MAX_TENANT_CHARS);
        actor = cut(actor, MAX_ACTOR_CHARS);
        action = cut(action, MAX_ACTION_CHARS);
        targetType = cut(targetType, MAX_TARGET_TYPE_CHARS);
        targetId = cut(targetId, MAX_TARGET_ID_CHARS);
        clientAddress = cut(clientAddress, MAX_CLIENT_ADDRESS_CHARS);
        detail = cut(detail, MAX_DETAIL_CHARS);
    }

    /** A new event with a fresh id made from {@code at}. */
    public static AuditEvent of(
            String tenantId,
            Instant at,
            String actor,
            ActorKind actorKind,
            String action,
            String targetType,
            String targetId,
            String clientAddress,
            Outcome outcome,
            Integer status,
            String detail) {
        return new AuditEvent(
                TaskIds.next(at.toEpochMilli()),
                tenantId,
                at,
                actor,
                actorKind,
                action,
                targetType,
                targetId,
                clientAddress,
                outcome,
                status,
                detail);
    }

    /** Cuts at a character boundary, never inside a surrogate pair. */
    private static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }
}
