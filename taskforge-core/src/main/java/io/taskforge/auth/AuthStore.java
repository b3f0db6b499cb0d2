package io.taskforge.auth;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where tenants, users, memberships, API keys, refresh tokens and server secrets are kept. Deleted
 * tenants and users are soft-deleted: they stay out of every lookup and list, and their names are
 * free again.
 */
public interface AuthStore {

    // ---- tenants ----------------------------------------------------------------------------------

    /** @throws NameTakenException when an undeleted or deleted tenant has that id */
    Tenant tenantCreate(Tenant tenant);

    Optional<Tenant> tenantGet(String id);

    /** Every undeleted tenant, by id. */
    List<Tenant> tenantList();

    /** Replaces name, description, operator code and quotas; empty when there is no such tenant. */
    Optional<Tenant> tenantUpdate(Tenant tenant);

    /** Soft-deletes the tenant and revokes its API keys; false when there was none. */
    boolean tenantDelete(String id, Instant at);

    // ---- users ------------------------------------------------------------------------------------

    /** @throws NameTakenException when an undeleted user has that name */
    User userCreate(User user);

    Optional<User> userGet(String id);

    Optional<User> userByName(String name);

    /** Every undeleted user, by name. */
    List<User> userList();

    /** Replaces display name, password hash, superadmin, disabled; empty when there is no such user. */
    Optional<User> userUpdate(User user);

    /**
     * Soft-deletes the user, removes their memberships and revokes their refresh tokens and API
     * keys; false when there was none.
     */
    boolean userDelete(String id, Instant at);

    /** How many undeleted users there are: none means the server has not been set up yet. */
    long userCount();

    // ---- memberships ------------------------------------------------------------------------------

    /** Adds the user to the tenant, or changes their role there. */
    void membershipPut(Membership membership);

    /** False when the user was not a member. */
    boolean membershipRemove(String tenantId, String userId);

    /** The user's memberships in undeleted tenants, by tenant id. */
    List<Membership> membershipsOfUser(String userId);

    /** The tenant's members, by user id. */
    List<Membership> membershipsOfTenant(String tenantId);

    // ---- API keys ---------------------------------------------------------------------------------

    ApiKey apiKeyCreate(ApiKey key);

    /** The key with that hash, revoked or not, if its tenant is undeleted. */
    Optional<ApiKey> apiKeyByHash(String keyHash);

    /** The tenant's keys, newest first, revoked ones included. */
    List<ApiKey> apiKeyList(String tenantId);

    /** Revokes a key of the tenant; false when it has no such key or it was revoked already. */
    boolean apiKeyRevoke(String tenantId, String id, Instant at);

    /** Records when keys were last used (key id to time), in one batch. */
    void apiKeysUsed(Map<String, Instant> lastUsed);

    // ---- refresh tokens ---------------------------------------------------------------------------

    void refreshCreate(RefreshToken token);

    Optional<RefreshToken> refreshByHash(String tokenHash);

    /**
     * Revokes {@code old} and stores {@code next} in one transaction, only if {@code old} was not
     * revoked yet: of two refreshes racing with one token, one wins.
     */
    boolean refreshRotate(String oldId, RefreshToken next, Instant at);

    /** False when it was revoked already. */
    boolean refreshRevoke(String id, Instant at);

    /** Revokes every refresh token of the user. */
    void refreshRevokeUser(String userId, Instant at);

    /** Removes tokens that expired before {@code before}; how many. */
    int refreshPurge(Instant before);

    // ---- server secrets ---------------------------------------------------------------------------

    /**
     * The secret of that name; the first caller (of any server on this database) stores what
     * {@code create} makes, every later one reads it.
     */
    String secret(String name, Supplier<String> create);
}
