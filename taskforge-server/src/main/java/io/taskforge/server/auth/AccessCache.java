package io.taskforge.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.taskforge.auth.ApiKey;
import io.taskforge.auth.AuthStore;
import io.taskforge.auth.Membership;
import io.taskforge.auth.Role;
import io.taskforge.auth.Tenant;
import io.taskforge.auth.User;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the server knows about users, keys and tenants while it authenticates requests, read from
 * the store at most once per {@code ttl} each: an authenticated request costs no query. Changes
 * made through this server are seen at once (it forgets what it changed); changes made through
 * another server of the cluster within {@code ttl}.
 */
final class AccessCache {
    /** A user and their role per tenant, in tenant order. */
    record UserAccess(User user, Map<String, Role> roles) {}

    private final AuthStore store;
    private final Cache<String, Optional<UserAccess>> users;
    private final Cache<String, Optional<ApiKey>> keys;
    private final Cache<String, Optional<Tenant>> tenants;

    AccessCache(AuthStore store, Duration ttl) {
        this.store = store;
        this.users =
                Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(10_000).build();
        this.keys =
                Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(10_000).build();
        this.tenants =
                Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(10_000).build();
    }

    Optional<UserAccess> user(String userId) {
        return users.get(
                userId,
                id -> store.userGet(id).map(u -> {
                    Map<String, Role> roles = new LinkedHashMap<>();
                    for (Membership m : store.membershipsOfUser(u.id())) {
                        roles.put(m.tenantId(), m.role());
                    }
                    return new UserAccess(u, Map.copyOf(roles));
                }));
    }

    /** The key with this hash, revoked or not. */
    Optional<ApiKey> key(String keyHash) {
        return keys.get(keyHash, store::apiKeyByHash);
    }

    Optional<Tenant> tenant(String id) {
        return tenants.get(id, store::tenantGet);
    }

    void forgetUser(String userId) {
        users.invalidate(userId);
    }

    void forgetKeys() {
        keys.invalidateAll();
    }

    void forgetTenant(String id) {
        tenants.invalidate(id);
        users.invalidateAll();
        keys.invalidateAll();
    }

    void forgetAll() {
        users.invalidateAll();
        keys.invalidateAll();
        tenants.invalidateAll();
    }
}
