package io.taskforge.server.auth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.taskforge.auth.AuthStore;
import io.taskforge.auth.Membership;
import io.taskforge.auth.Role;
import io.taskforge.auth.User;
import io.taskforge.client.FieldError;
import io.taskforge.client.TaskValidationException;
import io.taskforge.server.problem.NotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The members of the caller's tenant and their roles, managed by the tenant's ADMINs. */
@RestController
@RequestMapping(path = "/api/v1/members", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Members", description = "Who may use the current tenant, with which role. Tenant ADMINs only.")
class MemberController {
    private final AuthStore store;
    private final AccessCache cache;
    private final CurrentCaller current;

    MemberController(AuthStore store, AccessCache cache, CurrentCaller current) {
        this.store = store;
        this.cache = cache;
        this.current = current;
    }

    @Schema(name = "MemberResponse", description = "A member of the tenant.")
    record MemberResponse(
            String userId, @Schema(example = "ann") String name, String displayName, Role role, Instant since) {}

    @Schema(name = "MemberListResponse")
    record MemberListResponse(List<MemberResponse> items) {}

    @Schema(name = "PutMember", description = "The member's role.")
    record PutMember(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "OPERATOR")
            String role) {}

    @Operation(operationId = "listMembers", summary = "List the tenant's members")
    @GetMapping
    MemberListResponse list() {
        List<MemberResponse> items = new ArrayList<>();
        for (Membership m : store.membershipsOfTenant(current.tenantId())) {
            store.userGet(m.userId())
                    .ifPresent(u ->
                            items.add(new MemberResponse(u.id(), u.name(), u.displayName(), m.role(), m.createdAt())));
        }
        return new MemberListResponse(items);
    }

    @Operation(operationId = "putMember", summary = "Add a user to the tenant, or change their role")
    @ApiResponse(responseCode = "200", description = "the member")
    @ApiResponse(responseCode = "404", description = "no user of that name")
    @ApiResponse(responseCode = "409", description = "you cannot lower your own role")
    @ApiResponse(responseCode = "422", description = "the role is not valid")
    @PutMapping(path = "/{name}", consumes = MediaType.APPLICATION_JSON_VALUE)
    MemberResponse put(
            @Parameter(description = "the user's name") @PathVariable String name, @RequestBody PutMember body) {
        List<FieldError> errors = new ArrayList<>();
        Role role = Inputs.role(errors, "role", body.role());
        if (!errors.isEmpty()) {
            throw new TaskValidationException(errors);
        }
        User user = store.userByName(name).orElseThrow(() -> notFound(name));
        Caller caller = current.caller();
        if (user.id().equals(caller.userId()) && role != Role.ADMIN && !caller.superadmin()) {
            throw AuthErrors.conflict("self-lockout", "you cannot lower your own role");
        }
        Instant now = Instant.now();
        store.membershipPut(new Membership(caller.tenantId(), user.id(), role, now));
        cache.forgetUser(user.id());
        return new MemberResponse(user.id(), user.name(), user.displayName(), role, now);
    }

    @Operation(operationId = "removeMember", summary = "Remove a user from the tenant")
    @ApiResponse(responseCode = "204", description = "removed")
    @ApiResponse(responseCode = "404", description = "no member of that name")
    @ApiResponse(responseCode = "409", description = "you cannot remove yourself")
    @DeleteMapping(path = "/{name}", produces = MediaType.ALL_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable String name) {
        Caller caller = current.caller();
        User user = store.userByName(name).orElseThrow(() -> notFound(name));
        if (user.id().equals(caller.userId())) {
            throw AuthErrors.conflict("self-lockout", "you cannot remove yourself");
        }
        if (!store.membershipRemove(caller.tenantId(), user.id())) {
            throw notFound(name);
        }
        cache.forgetUser(user.id());
    }

    private static NotFoundException notFound(String name) {
        return new NotFoundException("member-not-found", "no user named '" + name + "' in this tenant");
    }
}
