package io.taskforge.server.auth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.taskforge.audit.ActorKind;
import io.taskforge.audit.Outcome;
import io.taskforge.auth.AuthStore;
import io.taskforge.auth.Role;
import io.taskforge.auth.Tenant;
import io.taskforge.auth.User;
import io.taskforge.client.FieldError;
import io.taskforge.client.TaskValidationException;
import io.taskforge.server.audit.AuditLog;
import io.taskforge.server.audit.Audited;
import io.taskforge.server.auth.TokenPairs.TokenResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Signing in and out, refreshing tokens, who am I, and changing one's own password. */
@RestController
@RequestMapping(path = "/api/v1/auth", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Auth", description = "Sign in for an access token, refresh it, sign out, and see who you are.")
class AuthController {
    private static final String BAD_LOGIN = "wrong user name or password";
    private static final String LOGIN = "auth.login";

    private final AuthStore store;
    private final Passwords passwords;
    private final TokenPairs pairs;
    private final LoginThrottle throttle;
    private final AccessCache cache;
    private final CurrentCaller current;
    private final AuditLog audit;
    private final Clock clock = Clock.systemUTC();

    AuthController(
            AuthStore store,
            Passwords passwords,
            TokenPairs pairs,
            LoginThrottle throttle,
            AccessCache cache,
            CurrentCaller current,
            AuditLog audit) {
        this.store = store;
        this.passwords = passwords;
        this.pairs = pairs;
        this.throttle = throttle;
        this.cache = cache;
        this.current = current;
        this.audit = audit;
    }

    @Schema(name = "LoginRequest", description = "A user name and password.")
    record LoginRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "admin")
            String username,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            String password) {}

    @Schema(name = "RefreshRequest", description = "A refresh token from a sign-in or an earlier refresh.")
    record RefreshRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            String refreshToken) {}

    @Schema(name = "LogoutRequest", description = "The refresh token to revoke.")
    record LogoutRequest(String refreshToken) {}

    @Schema(name = "PasswordChange", description = "The current password and the new one.")
    record PasswordChange(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            String currentPassword,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "8 to 72 characters")
            String newPassword) {}

    @Schema(name = "TenantAccess", description = "A tenant the user is a member of, with their role there.")
    record TenantAccess(String id, String name, Role role) {}

    @Schema(name = "MeResponse", description = "Who the credential belongs to and what it may do.")
    record MeResponse(
            UserSummary user,

            @Schema(description = "the API key used, when the request was made with one")
            KeySummary apiKey,

            @Schema(description = "the tenant this request acted in; null for a user in no tenant", example = "default")
            String tenant,

            @Schema(description = "the role in that tenant") Role role,

            @Schema(description = "every tenant the user may act in (only the key's tenant for an API key)")
            List<TenantAccess> tenants) {}

    @Schema(name = "UserSummary", description = "A user, without anything secret.")
    record UserSummary(String id, String name, String displayName, boolean superadmin) {
        static UserSummary of(User u) {
            return new UserSummary(u.id(), u.name(), u.displayName(), u.superadmin());
        }
    }

    @Schema(name = "KeySummary", description = "An API key's id and name.")
    record KeySummary(String id, String name) {}

    @Operation(
            operationId = "login",
            summary = "Sign in",
            description = "Failed attempts are limited per account and per client address: past the limit every"
                    + " attempt is refused with 429 and Retry-After for a while, even with the right password.")
    @ApiResponse(responseCode = "200", description = "signed in")
    @ApiResponse(responseCode = "401", description = "wrong user name or password, or the user is disabled")
    @ApiResponse(responseCode = "422", description = "user name or password missing")
    @ApiResponse(responseCode = "429", description = "too many failed attempts; `Retry-After` says when to try again")
    // Recorded below with the name that was given, which the request filter cannot know.
    @Audited(recorded = false)
    @SecurityRequirements // none: this is how a caller gets credentials
    @PostMapping(path = "/login", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TokenResponse> login(@RequestBody LoginRequest body, HttpServletRequest request) {
        List<FieldError> missing = new ArrayList<>();
        if (body.username() == null || body.username().isBlank()) {
            missing.add(new FieldError("username", "is required"));
        }
        if (body.password() == null || body.password().isEmpty()) {
            missing.add(new FieldError("password", "is required"));
        }
        if (!missing.isEmpty()) {
            throw new TaskValidationException(missing);
        }
        String address = request.getRemoteAddr();
        long wait = throttle.waitSeconds(body.username(), address);
        Optional<User> user = wait > 0 ? Optional.empty() : store.userByName(body.username());
        // A known user's sign-ins, good or bad, show in the audit log of their own tenant.
        String tenant = user.map(u -> homeTenant(u.id())).orElse(null);
        AuditLog.Actor actor = new AuditLog.Actor(body.username(), ActorKind.USER, tenant, address);
        if (wait > 0) {
            audit.record(
                    AuditLog.Actor.anonymous(body.username(), address),
                    LOGIN,
                    "user",
                    body.username(),
                    Outcome.DENIED,
                    429,
                    "too many failed sign-ins");
            throw AuthErrors.throttled(wait);
        }
        if (!passwords.matches(body.password(), user.map(User::passwordHash).orElse(null))) {
            throttle.failed(body.username(), address);
            audit.record(
                    user.isPresent() ? actor : AuditLog.Actor.anonymous(body.username(), address),
                    LOGIN,
                    "user",
                    body.username(),
                    Outcome.DENIED,
                    401,
                    user.isPresent() ? "wrong password" : "no such user");
            throw AuthErrors.unauthorized(BAD_LOGIN);
        }
        if (user.get().disabled()) {
            audit.record(actor, LOGIN, "user", body.username(), Outcome.DENIED, 401, "user disabled");
            throw AuthErrors.unauthorized("the user is disabled");
        }
        audit.record(actor, LOGIN, "user", body.username(), Outcome.SUCCEEDED, 200, null);
        return ResponseEntity.ok(pairs.issue(user.get()));
    }

    /** The tenant a user acts in without asking for one, as a request would. */
    private String homeTenant(String userId) {
        return cache.user(userId).map(CallerResolver::defaultTenant).orElse(null);
    }

    @Operation(operationId = "refreshToken", summary = "Exchange a refresh token for new tokens")
    @ApiResponse(responseCode = "200", description = "a new access token and the next refresh token")
    @ApiResponse(responseCode = "401", description = "the refresh token is unknown, used, revoked or expired")
    @ApiResponse(responseCode = "422", description = "no refresh token given")
    @SecurityRequirements // none: the refresh token in the body is the credential
    @PostMapping(path = "/refresh", consumes = MediaType.APPLICATION_JSON_VALUE)
    TokenResponse refresh(@RequestBody RefreshRequest body) {
        if (body.refreshToken() == null || body.refreshToken().isBlank()) {
            throw new TaskValidationException("refreshToken", "is required");
        }
        return pairs.refresh(body.refreshToken(), id -> store.userGet(id))
                .orElseThrow(() -> AuthErrors.unauthorized("the refresh token is not valid: sign in again"));
    }

    @Operation(operationId = "logout", summary = "Sign out", description = "Revokes the refresh token given.")
    @ApiResponse(responseCode = "204", description = "signed out")
    @PostMapping(path = "/logout", produces = MediaType.ALL_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(@RequestBody(required = false) LogoutRequest body) {
        Caller caller = current.caller();
        if (body != null && body.refreshToken() != null && caller.apiKeyId() == null) {
            pairs.revoke(body.refreshToken(), caller.userId());
        }
    }

    @Operation(operationId = "me", summary = "Who am I")
    @ApiResponse(responseCode = "200", description = "the caller")
    @GetMapping("/me")
    MeResponse me() {
        Caller caller = current.caller();
        User user = cache.user(caller.userId())
                .map(AccessCache.UserAccess::user)
                .orElseThrow(() -> AuthErrors.unauthorized("the user no longer exists"));
        List<TenantAccess> tenants = new ArrayList<>();
        if (caller.apiKeyId() != null) {
            tenants.add(new TenantAccess(caller.tenantId(), tenantName(caller.tenantId()), caller.role()));
            return new MeResponse(
                    UserSummary.of(user),
                    new KeySummary(caller.apiKeyId(), caller.subject().substring("key:".length())),
                    caller.tenantId(),
                    caller.role(),
                    tenants);
        }
        Map<String, Role> roles = cache.user(user.id()).orElseThrow().roles();
        if (user.superadmin()) {
            for (Tenant t : store.tenantList()) {
                tenants.add(new TenantAccess(t.id(), t.name(), roles.getOrDefault(t.id(), Role.ADMIN)));
            }
        } else {
            roles.forEach((id, role) -> tenants.add(new TenantAccess(id, tenantName(id), role)));
        }
        return new MeResponse(UserSummary.of(user), null, caller.tenantId(), caller.role(), tenants);
    }

    @Operation(
            operationId = "changePassword",
            summary = "Change your password",
            description = "Every access and refresh token issued before stops working.")
    @ApiResponse(responseCode = "204", description = "changed")
    @ApiResponse(responseCode = "401", description = "the current password is wrong")
    @ApiResponse(responseCode = "403", description = "an API key has no password")
    @ApiResponse(responseCode = "422", description = "the new password is not acceptable")
    @PostMapping(path = "/password", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.ALL_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changePassword(@RequestBody PasswordChange body) {
        Caller caller = current.caller();
        if (caller.apiKeyId() != null) {
            throw AuthErrors.forbidden("an API key has no password to change");
        }
        String problem = Passwords.problemWith(body.newPassword());
        if (problem != null) {
            throw new TaskValidationException("newPassword", problem);
        }
        User user = store.userGet(caller.userId()).orElseThrow(() -> AuthErrors.unauthorized("no such user"));
        if (!passwords.matches(body.currentPassword(), user.passwordHash())) {
            throw AuthErrors.unauthorized("the current password is wrong");
        }
        Instant now = clock.instant();
        store.userUpdate(new User(
                user.id(),
                user.name(),
                user.displayName(),
                passwords.hash(body.newPassword()),
                user.superadmin(),
                user.disabled(),
                user.createdAt(),
                now,
                now));
        store.refreshRevokeUser(user.id(), now);
        cache.forgetUser(user.id());
    }

    private String tenantName(String id) {
        return cache.tenant(id).map(Tenant::name).orElse(id);
    }
}
