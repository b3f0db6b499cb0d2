package io.taskforge.server.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.taskforge.audit.AuditEvent;
import io.taskforge.audit.AuditPage;
import io.taskforge.audit.AuditQuery;
import io.taskforge.audit.AuditStore;
import io.taskforge.auth.Role;
import io.taskforge.server.auth.Caller;
import io.taskforge.server.auth.CurrentCaller;
import io.taskforge.server.problem.Problems;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/audit}: the audit log of the caller's tenant, for its administrators. It is
 * read-only: no other method is mapped here, so every attempt to change the log answers 405 (and
 * is itself recorded).
 */
@RestController
@RequestMapping(path = "/api/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
        name = "Audit",
        description = "The append-only log of every change made through the API and every login, for the"
                + " tenant's administrators. Nothing in it can be changed or deleted through the API.")
class AuditController {
    private final AuditStore store;
    private final CurrentCaller currentCaller;

    AuditController(AuditStore store, CurrentCaller currentCaller) {
        this.store = store;
        this.currentCaller = currentCaller;
    }

    @Schema(name = "AuditEventResponse", description = "One entry of the audit log.")
    record AuditEventResponse(
            String id,
            @Schema(description = "when the action ended") Instant at,
            @Schema(example = "default") String tenantId,

            @Schema(
                    description = "the user's or API key's name, `system`, or null for an anonymous caller",
                    example = "alice")
            String actor,

            @Schema(allowableValues = {"USER", "API_KEY", "SYSTEM", "ANONYMOUS"})
            String actorKind,

            @Schema(description = "`<resource>.<verb>`", example = "task.cancel")
            String action,

            @Schema(example = "task") String targetType,
            @Schema(description = "the id or name acted on") String targetId,
            @Schema(example = "127.0.0.1") String clientAddress,

            @Schema(allowableValues = {"SUCCEEDED", "DENIED", "FAILED"})
            String outcome,

            @Schema(
                    description = "the HTTP status answered; null for an action that was no HTTP request",
                    example = "202")
            Integer status,

            @Schema(description = "a short note: what was created, or why it was refused")
            String detail) {

        static AuditEventResponse of(AuditEvent e) {
            return new AuditEventResponse(
                    e.id(),
                    e.at(),
                    e.tenantId(),
                    e.actor(),
                    e.actorKind().name(),
                    e.action(),
                    e.targetType(),
                    e.targetId(),
                    e.clientAddress(),
                    e.outcome().name(),
                    e.status(),
                    e.detail());
        }
    }

    @Schema(name = "AuditListResponse", description = "One page of the audit log, newest first.")
    record AuditListResponse(
            List<AuditEventResponse> items,

            @Schema(description = "pass as `cursor` for the next page; null on the last page")
            String nextCursor) {}

    /** Refused for want of the ADMIN role in the tenant, or of superadmin for every tenant's events. */
    static final class NotAnAdminException extends RuntimeException {
        NotAnAdminException(String message) {
            super(message);
        }
    }

    @Operation(
            operationId = "listAuditEvents",
            summary = "Read the audit log",
            description = "The events of the caller's tenant, newest first; filters combine. Pages by `cursor`:"
                    + " pass the `nextCursor` of the previous page. Only for the tenant's administrators;"
                    + " with `allTenants=true`, every tenant's events and those of no tenant (such as sign-ins"
                    + " with an unknown name), for superadmins only.")
    @ApiResponse(responseCode = "200", description = "one page of events")
    @ApiResponse(
            responseCode = "400",
            description = "a parameter cannot be read, or the cursor is not one of this list")
    @ApiResponse(
            responseCode = "403",
            description = "the caller is not an ADMIN of the tenant, or asks for every tenant and is no superadmin")
    @ApiResponse(responseCode = "422", description = "a value is out of bounds; `errors` names each field")
    @GetMapping
    AuditListResponse list(
            @Parameter(description = "who did it", example = "alice") @RequestParam(required = false) String actor,
            @Parameter(description = "what was done", example = "task.cancel") @RequestParam(required = false)
                    String action,
            @Parameter(description = "the kind of thing acted on", example = "task") @RequestParam(required = false)
                    String targetType,
            @Parameter(description = "the id or name acted on") @RequestParam(required = false) String targetId,
            @Parameter(
                            description = "how it ended",
                            schema =
                                    @Schema(
                                            type = "string",
                                            allowableValues = {"SUCCEEDED", "DENIED", "FAILED"}))
                    @RequestParam(required = false)
                    String outcome,
            @Parameter(description = "at or after, ISO-8601", schema = @Schema(type = "string", format = "date-time"))
                    @RequestParam(required = false)
                    String from,
            @Parameter(description = "before, ISO-8601", schema = @Schema(type = "string", format = "date-time"))
                    @RequestParam(required = false)
                    String to,
            @Parameter(
                            description = "page size, 1..500 (default 50)",
                            schema = @Schema(type = "integer", minimum = "1", maximum = "500", example = "50"))
                    @RequestParam(required = false)
                    String limit,
            @Parameter(description = "`nextCursor` of the previous page") @RequestParam(required = false) String cursor,
            @Parameter(
                            description = "every tenant's events and those of none (superadmins only);"
                                    + " each event names its tenant")
                    @RequestParam(defaultValue = "false")
                    boolean allTenants) {
        Caller caller = currentCaller.caller();
        if (allTenants && !caller.superadmin()) {
            throw new NotAnAdminException("reading every tenant's audit log needs a superadmin");
        }
        if (!caller.may(Role.ADMIN)) {
            throw new NotAnAdminException("reading the audit log needs the ADMIN role in the tenant");
        }
        AuditQuery query = AuditListParams.parse(
                allTenants ? null : caller.tenantId(),
                actor,
                action,
                targetType,
                targetId,
                outcome,
                from,
                to,
                limit,
                cursor);
        AuditPage page = store.auditList(query);
        return new AuditListResponse(
                page.items().stream().map(AuditEventResponse::of).toList(), page.nextCursor());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notAnAdmin(NotAnAdminException e) {
        return Problems.answer(Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e.getMessage()));
    }
}
