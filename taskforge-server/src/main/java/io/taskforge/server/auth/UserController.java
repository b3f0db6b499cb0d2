package io.taskforge.server.auth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.taskforge.auth.AuthStore;
import io.taskforge.auth.Membership;
import io.taskforge.auth.NameTakenException;
import io.taskforge.auth.Role;
import io.taskforge.auth.User;
import io.taskforge.client.FieldError;
import io.taskforge.client.TaskValidationException;
import io.taskforge.server.problem.NotFoundException;
import io.taskforge.task.TaskIds;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Users of the server, managed by superadmins. Passwords go in, never out. */
@RestController
@RequestMapping(path = "/api/v1/users", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Users", description = "People who sign in, and their tenants. Superadmins only.")
class UserController {
    private final AuthStore store;
    private final Passwords passwords;
    private final AccessCache cache;
    private final CurrentCaller current;

    UserController(AuthStore store, Passwords passwords, AccessCache cache, CurrentCaller current) {
        this.store = store;
        this.passwords = passwords;
        this.cache = cache;
        this.current = current;
    }

    @Schema(name = "UserResponse", description = "A user and their role in each tenant.")
    record UserResponse(
            String id,
            @Schema(example = "ann") String name,
            String displayName,
            boolean superadmin,
            boolean disabled,
            @Schema(description = "tenant id to role") Map<String, Role> tenants,
            Instant createdAt,
            Instant updatedAt) {}

    @Schema(name = "UserListResponse")
    record UserListResponse(List<UserResponse> items) {}

    @Schema(name = "CreateUser", description = "A new user.")
    record CreateUser(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "ann")
            String name,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "8 to 72 characters")
            String password,

            String displayName,
            Boolean superadmin,

            @Schema(
                    description = "tenant id to role (VIEWER, OPERATOR, ADMIN)",
                    example = "{\"default\": \"OPERATOR\"}")
            Map<String, String> tenants) {}

    @Schema(name = "UpdateUser", description = "Fields to change; absent fields stay.")
    record UpdateUser(String displayName, String password, Boolean superadmin, Boolean disabled) {}

    @Operation(operationId = "listUsers", summary = "List users")
    @GetMapping
    UserListResponse list() {
        return new UserListResponse(store.userList().stream().map(this::answer).toList());
    }

    @Operation(operationId = "getUser", summary = "Get a user")
    @ApiResponse(responseCode = "404", description = "no such user")
    @GetMapping("/{id}")
    UserResponse get(@PathVariable String id) {
        return answer(store.userGet(id).orElseThrow(() -> notFound(id)));
    }

    @Operation(operationId = "createUser", summary = "Create a user")
    @ApiResponse(responseCode = "201", description = "created")
    @ApiResponse(responseCode = "409", description = "the name is taken")
    @ApiResponse(responseCode = "422", description = "a field is not valid; `errors` names each")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<UserResponse> create(@RequestBody CreateUser body) {
        List<FieldError> errors = new ArrayList<>();
        Inputs.matches(
                errors, "name", body.name(), Inputs.USER_NAME, "must be letters, digits and . _ @ -, at most 64");
        String problem = Passwords.problemWith(body.password());
        if (problem != null) {
            errors.add(new FieldError("password", problem));
        }
        Inputs.text(errors, "displayName", body.displayName(), 100, false);
        Map<String, String> wanted = body.tenants() == null ? Map.of() : body.tenants();
        List<Membership> memberships = new ArrayList<>();
        Instant now = Instant.now();
        wanted.forEach((tenant, roleName) -> {
            Role role = Inputs.role(errors, "tenants." + tenant, roleName);
            if (store.tenantGet(tenant).isEmpty()) {
                errors.add(new FieldError("tenants." + tenant, "no such tenant"));
            } else if (role != null) {
                memberships.add(new Membership(tenant, null, role, now));
            }
        });
        if (!errors.isEmpty()) {
            throw new TaskValidationException(errors);
        }
        User user;
        try {
            user = store.userCreate(new User(
                    TaskIds.next(now.toEpochMilli()),
                    body.name(),
                    body.displayName(),
                    passwords.hash(body.password()),
                    Boolean.TRUE.equals(body.superadmin()),
                    false,
                    now,
                    now,
                    now));
        } catch (NameTakenException e) {
            throw AuthErrors.conflict("user-exists", "a user named '" + body.name() + "' exists");
        }
        for (Membership m : memberships) {
            store.membershipPut(new Membership(m.tenantId(), user.id(), m.role(), now));
        }
        return ResponseEntity.created(URI.create("/api/v1/users/" + user.id())).body(answer(user));
    }

    @Operation(
            operationId = "updateUser",
            summary = "Change a user",
            description = "A new password or disabling signs the user out of every session.")
    @ApiResponse(responseCode = "404", description = "no such user")
    @ApiResponse(responseCode = "409", description = "you cannot disable yourself or drop your own superadmin role")
    @ApiResponse(responseCode = "422", description = "a field is not valid")
    @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    UserResponse update(@PathVariable String id, @RequestBody UpdateUser body) {
        User u = store.userGet(id).orElseThrow(() -> notFound(id));
        boolean self = u.id().equals(current.caller().userId());
        if (self && (Boolean.TRUE.equals(body.disabled()) || Boolean.FALSE.equals(body.superadmin()))) {
            throw AuthErrors.conflict("self-lockout", "you cannot disable yourself or drop your own superadmin role");
        }
        List<FieldError> errors = new ArrayList<>();
        Inputs.text(errors, "displayName", body.displayName(), 100, false);
        if (body.password() != null) {
            String problem = Passwords.problemWith(body.password());
            if (problem != null) {
                errors.add(new FieldError("password", problem));
            }
        }
        if (!errors.isEmpty()) {
            throw new TaskValidationException(errors);
        }
        Instant now = Instant.now();
        boolean signOut = body.password() != null || Boolean.TRUE.equals(body.disabled());
        User changed = new User(
                u.id(),
                u.name(),
                body.displayName() == null ? u.displayName() : body.displayName(),
                body.password() == null ? u.passwordHash() : passwords.hash(body.password()),
                body.superadmin() == null ? u.superadmin() : body.superadmin(),
                body.disabled() == null ? u.disabled() : body.disabled(),
                u.createdAt(),
                now,
                body.password() == null ? u.passwordChangedAt() : now);
        User stored = store.userUpdate(changed).orElseThrow(() -> notFound(id));
        if (signOut) {
            store.refreshRevokeUser(u.id(), now);
        }
        cache.forgetUser(u.id());
        return answer(stored);
    }

    @Operation(
            operationId = "deleteUser",
            summary = "Delete a user",
            description = "Removes their memberships and revokes their sessions and the API keys they created.")
    @ApiResponse(responseCode = "204", description = "deleted")
    @ApiResponse(responseCode = "404", description = "no such user")
    @ApiResponse(responseCode = "409", description = "you cannot delete yourself")
    @DeleteMapping(path = "/{id}", produces = MediaType.ALL_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        User u = store.userGet(id).orElseThrow(() -> notFound(id));
        if (u.id().equals(current.caller().userId())) {
            throw AuthErrors.conflict("self-lockout", "you cannot delete yourself");
        }
        store.userDelete(u.id(), Instant.now());
        cache.forgetUser(u.id());
        cache.forgetKeys();
    }

    private UserResponse answer(User u) {
        Map<String, Role> roles = new java.util.LinkedHashMap<>();
        for (Membership m : store.membershipsOfUser(u.id())) {
            roles.put(m.tenantId(), m.role());
        }
        return new UserResponse(
                u.id(), u.name(), u.displayName(), u.superadmin(), u.disabled(), roles, u.createdAt(), u.updatedAt());
    }

    static NotFoundException notFound(String id) {
        return new NotFoundException("user-not-found", "no user with id '" + id + "'");
    }
}
