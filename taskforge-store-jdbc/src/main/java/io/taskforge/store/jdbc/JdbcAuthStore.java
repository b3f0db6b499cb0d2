package io.taskforge.store.jdbc;

import io.taskforge.auth.ApiKey;
import io.taskforge.auth.AuthStore;
import io.taskforge.auth.Membership;
import io.taskforge.auth.NameTakenException;
import io.taskforge.auth.RefreshToken;
import io.taskforge.auth.Role;
import io.taskforge.auth.Tenant;
import io.taskforge.auth.User;
import io.taskforge.jdbc.JdbcRunner;
import io.taskforge.jdbc.UniqueViolationException;
import io.taskforge.store.StoreException;
import io.taskforge.store.jdbc.dialect.Dialect;
import io.taskforge.task.TaskIds;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link AuthStore} over JDBC, sharing the {@link StoreDb} of the task store it was opened from:
 * get it with {@link JdbcStores#auth}. The same SQL serves SQLite and PostgreSQL; only values are
 * bound and read through the dialect.
 */
final class JdbcAuthStore implements AuthStore {
    private static final String TENANT_COLUMNS = "id, name, description, operator_code, max_waiting, max_running,"
            + " max_payload_bytes, created_at, updated_at";
    private static final String USER_COLUMNS = "id, name, display_name, password_hash, superadmin, disabled,"
            + " created_at, updated_at, password_changed_at";
    private static final String KEY_COLUMNS = "k.id, k.tenant_id, k.name, k.prefix, k.key_hash, k.role, k.created_by,"
            + " k.created_at, k.expires_at, k.last_used_at, k.revoked_at";
    private static final String TOKEN_COLUMNS = "id, user_id, token_hash, created_at, expires_at, revoked_at";

    private final StoreDb db;
    private final Dialect d;
    private final TenantLimits tenantLimits;

    JdbcAuthStore(StoreDb db, TenantLimits tenantLimits) {
        this.db = db;
        this.d = db.dialect();
        this.tenantLimits = tenantLimits;
    }

    /** One statement in a transaction of its own; how many rows it changed. */
    private int update(String what, String sql, Args args) {
        return db.write(what, (c, scope) -> JdbcRunner.update(c, sql, args));
    }

    /** The id in the form the database keeps it, or null when it cannot be one of ours. */
    private static String uuid(String id) {
        return TaskIds.isValid(id) ? id.toLowerCase(Locale.ROOT) : null;
    }

    // ---- tenants ------------------------------------------------------------------------------------

    @Override
    public Tenant tenantCreate(Tenant t) {
        Objects.requireNonNull(t, "tenant");
        Tenant created = db.write(
                "create tenant",
                (c, scope) -> {
                    JdbcRunner.update(
                            c,
                            "INSERT INTO tf_tenant (" + TENANT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            db.args()
                                    .text(t.id())
                                    .text(t.name())
                                    .text(t.description())
                                    .bool(t.operatorCode())
                                    .integer(t.maxWaiting())
                                    .integer(t.maxRunning())
                                    .integer(t.maxPayloadBytes())
                                    .instant(t.createdAt())
                                    .instant(t.updatedAt()));
                    return tenant(c, t.id()).orElseThrow();
                },
                e -> taken(e, "tenant", t.id()));
        tenantLimits.forget();
        return created;
    }

    @Override
    public Optional<Tenant> tenantGet(String id) {
        return id == null ? Optional.empty() : db.read("read tenant", c -> tenant(c, id));
    }

    private Optional<Tenant> tenant(Connection c, String id) throws SQLException {
        return JdbcRunner.queryFirst(
                c,
                "SELECT " + TENANT_COLUMNS + " FROM tf_tenant WHERE id = ? AND deleted_at IS NULL",
                db.args().text(id),
                this::tenant);
    }

    @Override
    public List<Tenant> tenantList() {
        return db.read(
                "list tenants",
                c -> JdbcRunner.query(
                        c,
                        "SELECT " + TENANT_COLUMNS + " FROM tf_tenant WHERE deleted_at IS NULL ORDER BY id",
                        db.args(),
                        this::tenant));
    }

    @Override
    public Optional<Tenant> tenantUpdate(Tenant t) {
        Optional<Tenant> updated = db.write("update tenant", (c, scope) -> {
            int n = JdbcRunner.update(
                    c,
                    "UPDATE tf_tenant SET name = ?, description = ?, operator_code = ?, max_waiting = ?,"
                            + " max_running = ?, max_payload_bytes = ?, updated_at = ?"
                            + " WHERE id = ? AND deleted_at IS NULL",
                    db.args()
                            .text(t.name())
                            .text(t.description())
                            .bool(t.operatorCode())
                            .integer(t.maxWaiting())
                            .integer(t.maxRunning())
                            .integer(t.maxPayloadBytes())
                            .instant(t.updatedAt())
                            .text(t.id()));
            return n == 0 ? Optional.<Tenant>empty() : tenant(c, t.id());
        });
        // The claims of this server honour a changed running quota from their next claim on.
        tenantLimits.forget();
        return updated;
    }

    @Override
    public boolean tenantDelete(String id, Instant at) {
        boolean deleted = db.write("delete tenant", (c, scope) -> {
            int n = JdbcRunner.update(
                    c,
                    "UPDATE tf_tenant SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
                    db.args().instant(at).instant(at).text(id));
            if (n > 0) {
                JdbcRunner.update(
                        c,
                        "UPDATE tf_api_key SET revoked_at = ? WHERE tenant_id = ? AND revoked_at IS NULL",
                        db.args().instant(at).text(id));
                JdbcRunner.update(
                        c,
                        "DELETE FROM tf_membership WHERE tenant_id = ?",
                        db.args().text(id));
            }
            return n > 0;
        });
        tenantLimits.forget();
        return deleted;
    }

    private Tenant tenant(ResultSet rs) throws SQLException {
        return new Tenant(
                rs.getString("id"),
                rs.getString("name"),
                rs.getString("description"),
                rs.getBoolean("operator_code"),
                integer(rs, "max_waiting"),
                integer(rs, "max_running"),
                integer(rs, "max_payload_bytes"),
                d.readInstant(rs, "created_at"),
                d.readInstant(rs, "updated_at"));
    }

    // ---- users --------------------------------------------------------------------------------------

    @Override
    public User userCreate(User u) {
        Objects.requireNonNull(u, "user");
        String id = requireUuid(u.id(), "user");
        return db.write(
                "create user",
                (c, scope) -> {
                    JdbcRunner.update(
                            c,
                            "INSERT INTO tf_user (" + USER_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            db.args()
                                    .id(id)
                                    .text(u.name())
                                    .text(u.displayName())
                                    .text(u.passwordHash())
                                    .bool(u.superadmin())
                                    .bool(u.disabled())
                                    .instant(u.createdAt())
                                    .instant(u.updatedAt())
                                    .instant(u.passwordChangedAt()));
                    return user(c, "id = ?", db.args().id(id)).orElseThrow();
                },
                e -> taken(e, "user", u.name()));
    }

    @Override
    public Optional<User> userGet(String id) {
        String key = uuid(id);
        return key == null
                ? Optional.empty()
                : db.read("read user", c -> user(c, "id = ?", db.args().id(key)));
    }

    @Override
    public Optional<User> userByName(String name) {
        return name == null
                ? Optional.empty()
                : db.read("read user", c -> user(c, "name = ?", db.args().text(name)));
    }

    private Optional<User> user(Connection c, String where, Args args) throws SQLException {
        return JdbcRunner.queryFirst(
                c,
                "SELECT " + USER_COLUMNS + " FROM tf_user WHERE " + where + " AND deleted_at IS NULL",
                args,
                this::user);
    }

    @Override
    public List<User> userList() {
        return db.read(
                "list users",
                c -> JdbcRunner.query(
                        c,
                        "SELECT " + USER_COLUMNS + " FROM tf_user WHERE deleted_at IS NULL ORDER BY name",
                        db.args(),
                        this::user));
    }

    @Override
    public Optional<User> userUpdate(User u) {
        String id = uuid(u.id());
        if (id == null) {
            return Optional.empty();
        }
        return db.write("update user", (c, scope) -> {
            int n = JdbcRunner.update(
                    c,
                    "UPDATE tf_user SET display_name = ?, password_hash = ?, superadmin = ?, disabled = ?,"
                            + " updated_at = ?, password_changed_at = ? WHERE id = ? AND deleted_at IS NULL",
                    db.args()
                            .text(u.displayName())
                            .text(u.passwordHash())
                            .bool(u.superadmin())
                            .bool(u.disabled())
                            .instant(u.updatedAt())
                            .instant(u.passwordChangedAt())
                            .id(id));
            return n == 0 ? Optional.<User>empty() : user(c, "id = ?", db.args().id(id));
        });
    }

    @Override
    public boolean userDelete(String id, Instant at) {
        String key = uuid(id);
        if (key == null) {
            return false;
        }
        return db.write("delete user", (c, scope) -> {
            int n = JdbcRunner.update(
                    c,
                    "UPDATE tf_user SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
                    db.args().instant(at).instant(at).id(key));
            if (n > 0) {
                JdbcRunner.update(
                        c,
                        "DELETE FROM tf_membership WHERE user_id = ?",
                        db.args().id(key));
                JdbcRunner.update(
                        c,
                        "UPDATE tf_refresh_token SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                        db.args().instant(at).id(key));
                JdbcRunner.update(
                        c,
                        "UPDATE tf_api_key SET revoked_at = ? WHERE created_by = ? AND revoked_at IS NULL",
                        db.args().instant(at).id(key));
            }
            return n > 0;
        });
    }

    @Override
    public long userCount() {
        return db.read(
                "count users",
                c -> JdbcRunner.queryFirst(
                                c,
                                "SELECT COUNT(*) AS n FROM tf_user WHERE deleted_at IS NULL",
                                db.args(),
                                rs -> rs.getLong("n"))
                        .orElse(0L));
    }

    private User user(ResultSet rs) throws SQLException {
        return new User(
                d.readId(rs, "id"),
                rs.getString("name"),
                rs.getString("display_name"),
                rs.getString("password_hash"),
                rs.getBoolean("superadmin"),
                rs.getBoolean("disabled"),
                d.readInstant(rs, "created_at"),
                d.readInstant(rs, "updated_at"),
                d.readInstant(rs, "password_changed_at"));
    }

    // ---- memberships --------------------------------------------------------------------------------

    @Override
    public void membershipPut(Membership m) {
        String user = requireUuid(m.userId(), "user");
        db.write(
                "put membership",
                (c, scope) -> JdbcRunner.update(
                        c,
                        "INSERT INTO tf_membership (tenant_id, user_id, role, created_at) VALUES (?, ?, ?, ?)"
                                + " ON CONFLICT (tenant_id, user_id) DO UPDATE SET role = excluded.role",
                        db.args()
                                .text(m.tenantId())
                                .id(user)
                                .text(m.role().name())
                                .instant(m.createdAt())));
    }

    @Override
    public boolean membershipRemove(String tenantId, String userId) {
        String user = uuid(userId);
        if (user == null) {
            return false;
        }
        return update(
                        "remove membership",
                        "DELETE FROM tf_membership WHERE tenant_id = ? AND user_id = ?",
                        db.args().text(tenantId).id(user))
                > 0;
    }

    @Override
    public List<Membership> membershipsOfUser(String userId) {
        String user = uuid(userId);
        if (user == null) {
            return List.of();
        }
        return db.read(
                "read memberships",
                c -> JdbcRunner.query(
                        c,
                        "SELECT m.tenant_id, m.user_id, m.role, m.created_at FROM tf_membership m"
                                + " JOIN tf_tenant t ON t.id = m.tenant_id AND t.deleted_at IS NULL"
                                + " WHERE m.user_id = ? ORDER BY m.tenant_id",
                        db.args().id(user),
                        this::membership));
    }

    @Override
    public List<Membership> membershipsOfTenant(String tenantId) {
        return db.read(
                "read members",
                c -> JdbcRunner.query(
                        c,
                        "SELECT m.tenant_id, m.user_id, m.role, m.created_at FROM tf_membership m"
                                + " JOIN tf_user u ON u.id = m.user_id AND u.deleted_at IS NULL"
                                + " WHERE m.tenant_id = ? ORDER BY u.name",
                        db.args().text(tenantId),
                        this::membership));
    }

    private Membership membership(ResultSet rs) throws SQLException {
        return new Membership(
                rs.getString("tenant_id"),
                d.readId(rs, "user_id"),
                Role.valueOf(rs.getString("role")),
                d.readInstant(rs, "created_at"));
    }

    // ---- API keys -----------------------------------------------------------------------------------

    @Override
    public ApiKey apiKeyCreate(ApiKey k) {
        String id = requireUuid(k.id(), "API key");
        String creator = requireUuid(k.createdBy(), "user");
        return db.write("create API key", (c, scope) -> {
            JdbcRunner.update(
                    c,
                    "INSERT INTO tf_api_key (id, tenant_id, name, prefix, key_hash, role, created_by, created_at,"
                            + " expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    db.args()
                            .id(id)
                            .text(k.tenantId())
                            .text(k.name())
                            .text(k.prefix())
                            .text(k.keyHash())
                            .text(k.role().name())
                            .id(creator)
                            .instant(k.createdAt())
                            .instant(k.expiresAt()));
            return key(c, "k.id = ?", db.args().id(id)).orElseThrow();
        });
    }

    @Override
    public Optional<ApiKey> apiKeyByHash(String keyHash) {
        return keyHash == null
                ? Optional.empty()
                : db.read(
                        "read API key", c -> key(c, "k.key_hash = ?", db.args().text(keyHash)));
    }

    private Optional<ApiKey> key(Connection c, String where, Args args) throws SQLException {
        return JdbcRunner.queryFirst(
                c,
                "SELECT " + KEY_COLUMNS + " FROM tf_api_key k JOIN tf_tenant t ON t.id = k.tenant_id"
                        + " AND t.deleted_at IS NULL WHERE " + where,
                args,
                this::key);
    }

    @Override
    public List<ApiKey> apiKeyList(String tenantId) {
        return db.read(
                "list API keys",
                c -> JdbcRunner.query(
                        c,
                        "SELECT " + KEY_COLUMNS + " FROM tf_api_key k WHERE k.tenant_id = ?"
                                + " ORDER BY k.created_at DESC, k.id DESC",
                        db.args().text(tenantId),
                        this::key));
    }

    @Override
    public boolean apiKeyRevoke(String tenantId, String id, Instant at) {
        String key = uuid(id);
        if (key == null) {
            return false;
        }
        return update(
                        "revoke API key",
                        "UPDATE tf_api_key SET revoked_at = ? WHERE id = ? AND tenant_id = ? AND revoked_at IS NULL",
                        db.args().instant(at).id(key).text(tenantId))
                > 0;
    }

    @Override
    public void apiKeysUsed(Map<String, Instant> lastUsed) {
        List<Map.Entry<String, Instant>> rows = new ArrayList<>();
        for (Map.Entry<String, Instant> e : lastUsed.entrySet()) {
            if (uuid(e.getKey()) != null) {
                rows.add(e);
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        db.write("record API key use", (c, scope) -> {
            for (Map.Entry<String, Instant> e : rows) {
                JdbcRunner.update(
                        c,
                        "UPDATE tf_api_key SET last_used_at = ? WHERE id = ?"
                                + " AND (last_used_at IS NULL OR last_used_at < ?)",
                        db.args().instant(e.getValue()).id(uuid(e.getKey())).instant(e.getValue()));
            }
            return null;
        });
    }

    private ApiKey key(ResultSet rs) throws SQLException {
        return new ApiKey(
                d.readId(rs, "id"),
                rs.getString("tenant_id"),
                rs.getString("name"),
                rs.getString("prefix"),
                rs.getString("key_hash"),
                Role.valueOf(rs.getString("role")),
                d.readId(rs, "created_by"),
                d.readInstant(rs, "created_at"),
                d.readInstant(rs, "expires_at"),
                d.readInstant(rs, "last_used_at"),
                d.readInstant(rs, "revoked_at"));
    }

    // ---- refresh tokens -----------------------------------------------------------------------------

    @Override
    public void refreshCreate(RefreshToken t) {
        db.write("create refresh token", (c, scope) -> insertToken(c, t));
    }

    private int insertToken(Connection c, RefreshToken t) throws SQLException {
        return JdbcRunner.update(
                c,
                "INSERT INTO tf_refresh_token (" + TOKEN_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)",
                db.args()
                        .id(requireUuid(t.id(), "refresh token"))
                        .id(requireUuid(t.userId(), "user"))
                        .text(t.tokenHash())
                        .instant(t.createdAt())
                        .instant(t.expiresAt())
                        .instant(t.revokedAt()));
    }

    @Override
    public Optional<RefreshToken> refreshByHash(String tokenHash) {
        if (tokenHash == null) {
            return Optional.empty();
        }
        return db.read(
                "read refresh token",
                c -> JdbcRunner.queryFirst(
                        c,
                        "SELECT " + TOKEN_COLUMNS + " FROM tf_refresh_token WHERE token_hash = ?",
                        db.args().text(tokenHash),
                        rs -> new RefreshToken(
                                d.readId(rs, "id"),
                                d.readId(rs, "user_id"),
                                rs.getString("token_hash"),
                                d.readInstant(rs, "created_at"),
                                d.readInstant(rs, "expires_at"),
                                d.readInstant(rs, "revoked_at"))));
    }

    @Override
    public boolean refreshRotate(String oldId, RefreshToken next, Instant at) {
        String old = uuid(oldId);
        if (old == null) {
            return false;
        }
        return db.write("rotate refresh token", (c, scope) -> {
            int n = JdbcRunner.update(
                    c,
                    "UPDATE tf_refresh_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                    db.args().instant(at).id(old));
            if (n == 0) {
                return false;
            }
            insertToken(c, next);
            return true;
        });
    }

    @Override
    public boolean refreshRevoke(String id, Instant at) {
        String key = uuid(id);
        if (key == null) {
            return false;
        }
        return update(
                        "revoke refresh token",
                        "UPDATE tf_refresh_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                        db.args().instant(at).id(key))
                > 0;
    }

    @Override
    public void refreshRevokeUser(String userId, Instant at) {
        String key = uuid(userId);
        if (key == null) {
            return;
        }
        update(
                "revoke refresh tokens",
                "UPDATE tf_refresh_token SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                db.args().instant(at).id(key));
    }

    @Override
    public int refreshPurge(Instant before) {
        return update(
                "purge refresh tokens",
                "DELETE FROM tf_refresh_token WHERE expires_at < ?",
                db.args().instant(before));
    }

    // ---- server secrets -----------------------------------------------------------------------------

    @Override
    public String secret(String name, Supplier<String> create) {
        Optional<String> found = readSecret(name);
        if (found.isPresent()) {
            return found.get();
        }
        String value = create.get();
        update(
                "store secret",
                "INSERT INTO tf_server_secret (name, value, created_at) VALUES (?, ?, ?)"
                        + " ON CONFLICT (name) DO NOTHING",
                db.args().text(name).text(value).instant(Instant.now()));
        // Another server may have stored its value first: everyone uses the stored one.
        return readSecret(name).orElseThrow(() -> new StoreException("secret " + name + " was not stored"));
    }

    private Optional<String> readSecret(String name) {
        return db.read(
                "read secret",
                c -> JdbcRunner.queryFirst(
                        c,
                        "SELECT value FROM tf_server_secret WHERE name = ?",
                        db.args().text(name),
                        rs -> rs.getString("value")));
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static String requireUuid(String id, String what) {
        String key = uuid(id);
        if (key == null) {
            throw new IllegalArgumentException("not a " + what + " id: " + id);
        }
        return key;
    }

    private static RuntimeException taken(UniqueViolationException e, String what, String name) {
        return new NameTakenException(what, name);
    }
}
