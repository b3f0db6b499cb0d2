package io.taskforge.server.auth;

import io.taskforge.auth.ApiKey;
import io.taskforge.auth.Role;
import io.taskforge.auth.Tenant;
import io.taskforge.auth.User;
import io.taskforge.server.auth.AccessCache.UserAccess;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Turns a bearer credential and the tenant a request asks for into the {@link Caller}: an API key
 * acts in its own tenant with its own role; a user's access token acts in the tenant named by the
 * {@code X-Taskforge-Tenant} header, or else their {@code default} tenant or first tenant, with
 * their role there.
 */
final class CallerResolver {
    private final AccessTokens tokens;
    private final AccessCache cache;
    private final ApiKeyUsage usage;
    private final Clock clock;

    CallerResolver(AccessTokens tokens, AccessCache cache, ApiKeyUsage usage, Clock clock) {
        this.tokens = tokens;
        this.cache = cache;
        this.usage = usage;
        this.clock = clock;
    }

    /**
     * @throws BadCredentialsException when the credential is not valid (401)
     * @throws AccessDeniedException when it is, but may not act in the tenant asked for (403)
     */
    Caller resolve(String credential, String tenant, String clientAddress) {
        if (credential.startsWith(SecretTokens.API_KEY_PREFIX)) {
            return byApiKey(credential, tenant, clientAddress);
        }
        return byAccessToken(credential, tenant, clientAddress);
    }

    private Caller byApiKey(String key, String tenant, String clientAddress) {
        ApiKey k = cache.key(SecretTokens.hash(key))
                .filter(found -> found.usableAt(clock.instant()))
                .orElseThrow(() -> new BadCredentialsException("the API key is not valid, revoked or expired"));
        if (tenant != null && !tenant.equals(k.tenantId())) {
            throw new AccessDeniedException("this API key belongs to another tenant");
        }
        usage.used(k.id());
        return new Caller("key:" + k.name(), k.createdBy(), k.id(), k.tenantId(), k.role(), false, clientAddress);
    }

    private Caller byAccessToken(String token, String tenant, String clientAddress) {
        AccessTokens.Verified verified;
        try {
            verified = tokens.verify(token);
        } catch (JwtException e) {
            throw new BadCredentialsException("the access token is not valid or has expired");
        }
        UserAccess access = cache.user(verified.userId())
                .orElseThrow(() -> new BadCredentialsException("the access token's user no longer exists"));
        User user = access.user();
        if (user.disabled()) {
            throw new BadCredentialsException("the user is disabled");
        }
        if (verified.passwordChangedAt() != user.passwordChangedAt().toEpochMilli()) {
            throw new BadCredentialsException("the password changed after this token was issued: sign in again");
        }
        String acting = tenant != null ? tenant : defaultTenant(access);
        Role role = acting == null ? null : roleIn(access, acting);
        return new Caller(user.name(), user.id(), null, acting, role, user.superadmin(), clientAddress);
    }

    /** The tenant a user acts in without naming one: {@code default} if a member, else their first. */
    static String defaultTenant(UserAccess access) {
        Map<String, Role> roles = access.roles();
        if (roles.containsKey(Tenant.DEFAULT)
                || (roles.isEmpty() && access.user().superadmin())) {
            return Tenant.DEFAULT;
        }
        return roles.keySet().stream().findFirst().orElse(null);
    }

    private Role roleIn(UserAccess access, String tenant) {
        Role role = access.roles().get(tenant);
        if (role != null) {
            return role;
        }
        Optional<Tenant> exists = cache.tenant(tenant);
        if (access.user().superadmin() && exists.isPresent()) {
            return Role.ADMIN;
        }
        throw new AccessDeniedException("you are not a member of tenant '" + tenant + "'");
    }
}
