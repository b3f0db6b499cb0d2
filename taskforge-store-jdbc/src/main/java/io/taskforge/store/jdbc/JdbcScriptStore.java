package io.taskforge.store.jdbc;

import io.taskforge.jdbc.JdbcRunner;
import io.taskforge.jdbc.RowMapper;
import io.taskforge.jdbc.UniqueViolationException;
import io.taskforge.script.Script;
import io.taskforge.script.ScriptLanguage;
import io.taskforge.script.ScriptNameTakenException;
import io.taskforge.script.ScriptStore;
import io.taskforge.script.ScriptUpdate;
import io.taskforge.script.ScriptVersion;
import io.taskforge.script.ScriptVersionSummary;
import io.taskforge.store.StoreException;
import io.taskforge.store.jdbc.dialect.Dialect;
import io.taskforge.task.TaskIds;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ScriptStore} over JDBC, sharing the {@link StoreDb} (pool, dialect, write lock) of the
 * task store it was opened from: get it with {@link JdbcStores#scripts}.
 *
 * <p>A script's current state is its {@code tf_script} row joined with the {@code
 * tf_script_version} row of its current version; every read goes through that join. A change
 * locks the script row first, so concurrent changes of one script apply in turn and each new
 * version number is the one after the version it was made from.
 */
final class JdbcScriptStore implements ScriptStore {
    private static final String COLUMNS = "s.id, s.tenant_id, s.name, s.description, s.queue, s.timeout_seconds,"
            + " s.max_attempts, s.version, s.created_at, s.updated_at, v.language, v.content, v.parameters";
    private static final String FROM =
            " FROM tf_script s JOIN tf_script_version v ON v.script_id = s.id AND v.version = s.version";

    private final StoreDb db;
    private final Dialect d;
    private final RowMapper<Script> script = this::script;

    JdbcScriptStore(StoreDb db) {
        this.db = db;
        this.d = db.dialect();
    }

    /** The id in the form the database returns it, or null when it cannot name a script. */
    private static String scriptId(String id) {
        return TaskIds.isValid(id) ? id.toLowerCase(Locale.ROOT) : null;
    }

    @Override
    public Script scriptInsert(Script s) {
        Objects.requireNonNull(s, "script");
        if (!TaskIds.isValid(s.id())) {
            throw new IllegalArgumentException("not a script id: " + s.id());
        }
        String key = scriptId(s.id());
        return db.write(
                "insert script",
                (c, scope) -> {
                    JdbcRunner.update(
                            c,
                            "INSERT INTO tf_script (id, tenant_id, name, description, queue, timeout_seconds,"
                                    + " max_attempts, version, created_at, updated_at)"
                                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            db.args()
                                    .id(key)
                                    .text(s.tenantId())
                                    .text(s.name())
                                    .text(s.description())
                                    .text(s.queue())
                                    .integer(s.timeoutSeconds())
                                    .integer(s.maxAttempts())
                                    .integer(s.version())
                                    .instant(s.createdAt())
                                    .instant(s.updatedAt()));
                    insertVersion(c, key, s.version(), s.language(), s.content(), s.parameters(), s.createdAt());
                    return find(c, key, false).orElseThrow();
                },
                e -> nameTaken(e, s.name(), "insert script"));
    }

    @Override
    public Optional<Script> scriptGet(String id) {
        String key = scriptId(id);
        return key == null ? Optional.empty() : db.read("read script", c -> find(c, key, false));
    }

    @Override
    public Optional<Script> scriptGetByName(String tenantId, String name) {
        if (name == null) {
            return Optional.empty();
        }
        return db.read(
                "read script",
                c -> JdbcRunner.queryFirst(
                        c,
                        "SELECT " + COLUMNS + FROM + " WHERE s.tenant_id = ? AND s.name = ? AND s.deleted_at IS NULL",
                        db.args().text(tenantId).text(name),
                        script));
    }

    @Override
    public List<Script> scriptList(String tenantId, String afterName, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        Args args = db.args().text(Objects.requireNonNull(tenantId, "tenantId"));
        String after = "";
        if (afterName != null) {
            after = " AND s.name > ?";
            args.text(afterName);
        }
        args.integer(limit);
        String sql = "SELECT " + COLUMNS + FROM + " WHERE s.tenant_id = ? AND s.deleted_at IS NULL" + after
                + " ORDER BY s.name LIMIT ?";
        return db.read("list scripts", c -> JdbcRunner.query(c, sql, args, script));
    }

    @Override
    public Optional<Script> scriptUpdate(ScriptUpdate u) {
        String key = scriptId(u.id());
        if (key == null) {
            return Optional.empty();
        }
        String what = "update script";
        return db.write(
                what,
                (c, scope) -> {
                    Optional<Script> found = find(c, key, true);
                    if (found.isEmpty()) {
                        return found;
                    }
                    Script now = found.get();
                    ScriptLanguage language = or(u.language(), now.language());
                    String content = or(u.content(), now.content());
                    String parameters = or(u.parameters(), now.parameters());
                    boolean newVersion = language != now.language()
                            || !content.equals(now.content())
                            || !parameters.equals(now.parameters());
                    int version = newVersion ? now.version() + 1 : now.version();
                    if (newVersion) {
                        insertVersion(c, key, version, language, content, parameters, u.now());
                    }
                    JdbcRunner.update(
                            c,
                            "UPDATE tf_script SET name = ?, description = ?, queue = ?, timeout_seconds = ?,"
                                    + " max_attempts = ?, version = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
                            db.args()
                                    .text(or(u.name(), now.name()))
                                    .text(or(u.description(), now.description()))
                                    .text(or(u.queue(), now.queue()))
                                    .integer(or(u.timeoutSeconds(), now.timeoutSeconds()))
                                    .integer(or(u.maxAttempts(), now.maxAttempts()))
                                    .integer(version)
                                    .instant(u.now())
                                    .id(key));
                    return find(c, key, false);
                },
                e -> nameTaken(e, u.name(), what));
    }

    @Override
    public Optional<Script> scriptDelete(String id, Instant now) {
        String key = scriptId(id);
        if (key == null) {
            return Optional.empty();
        }
        return db.write("delete script", (c, scope) -> {
            Optional<Script> found = find(c, key, true);
            if (found.isPresent()) {
                JdbcRunner.update(
                        c,
                        "UPDATE tf_script SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
                        db.args().instant(now).instant(now).id(key));
            }
            return found;
        });
    }

    @Override
    public List<ScriptVersionSummary> scriptVersionList(String scriptId) {
        String key = scriptId(scriptId);
        if (key == null) {
            return List.of();
        }
        return db.read(
                "list script versions",
                c -> JdbcRunner.query(
                        c,
                        "SELECT v.version, v.language, v.created_at FROM tf_script_version v"
                                + " JOIN tf_script s ON s.id = v.script_id"
                                + " WHERE s.id = ? AND s.deleted_at IS NULL ORDER BY v.version",
                        db.args().id(key),
                        rs -> new ScriptVersionSummary(
                                rs.getInt("version"), language(rs), d.readInstant(rs, "created_at"))));
    }

    @Override
    public Optional<ScriptVersion> scriptVersionGet(String scriptId, int version) {
        String key = scriptId(scriptId);
        if (key == null) {
            return Optional.empty();
        }
        return db.read(
                "read script version",
                c -> JdbcRunner.queryFirst(
                        c,
                        "SELECT script_id, version, language, content, parameters, created_at"
                                + " FROM tf_script_version WHERE script_id = ? AND version = ?",
                        db.args().id(key).integer(version),
                        rs -> new ScriptVersion(
                                d.readId(rs, "script_id"),
                                rs.getInt("version"),
                                language(rs),
                                rs.getString("content"),
                                d.readJson(rs, "parameters"),
                                d.readInstant(rs, "created_at"))));
    }

    @Override
    public String toString() {
        return "JdbcScriptStore[" + d.name() + "]";
    }

    private void insertVersion(
            Connection c,
            String key,
            int version,
            ScriptLanguage language,
            String content,
            String parameters,
            Instant createdAt)
            throws SQLException {
        JdbcRunner.update(
                c,
                "INSERT INTO tf_script_version (script_id, version, language, content, parameters, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                db.args()
                        .id(key)
                        .integer(version)
                        .text(language.wireName())
                        .text(content)
                        .json(parameters)
                        .instant(createdAt));
    }

    /**
     * The undeleted script, its row locked for the rest of the transaction when {@code lock}.
     *
     * <p>The lock is taken on the script row alone, before the joined read. On PostgreSQL a
     * locking read that waits for another writer re-checks its conditions against the row that
     * writer left; with the join in the same statement that re-check pairs the new script row
     * with the old version row, finds they no longer match, and returns nothing, as if the script
     * were gone. Read after the lock, the join sees the latest committed state.
     */
    private Optional<Script> find(Connection c, String key, boolean lock) throws SQLException {
        if (lock
                && JdbcRunner.queryFirst(
                                c,
                                "SELECT id FROM tf_script WHERE id = ? AND deleted_at IS NULL" + d.forUpdate(),
                                db.args().id(key),
                                rs -> Boolean.TRUE)
                        .isEmpty()) {
            return Optional.empty();
        }
        return JdbcRunner.queryFirst(
                c,
                "SELECT " + COLUMNS + FROM + " WHERE s.id = ? AND s.deleted_at IS NULL",
                db.args().id(key),
                script);
    }

    private Script script(ResultSet rs) throws SQLException {
        return new Script(
                d.readId(rs, "id"),
                rs.getString("tenant_id"),
                rs.getString("name"),
                rs.getString("description"),
                language(rs),
                rs.getString("content"),
                d.readJson(rs, "parameters"),
                rs.getString("queue"),
                rs.getInt("timeout_seconds"),
                rs.getInt("max_attempts"),
                rs.getInt("version"),
                d.readInstant(rs, "created_at"),
                d.readInstant(rs, "updated_at"));
    }

    private static ScriptLanguage language(ResultSet rs) throws SQLException {
        String name = rs.getString("language");
        return ScriptLanguage.ofWireName(name)
                .orElseThrow(() -> new SQLException("unknown script language in the database: " + name));
    }

    /** The only unique index a script write can hit besides the keys it makes itself is the name's. */
    private static RuntimeException nameTaken(UniqueViolationException e, String name, String what) {
        if (name != null && e.mentions("name")) {
            return new ScriptNameTakenException(name);
        }
        return new StoreException(what + " failed", e);
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
