package io.taskforge.store.jdbc;

import io.taskforge.jdbc.JdbcRunner;
import io.taskforge.jdbc.RowMapper;
import io.taskforge.jdbc.UniqueViolationException;
import io.taskforge.schedule.FireOutcome;
import io.taskforge.schedule.FireResult;
import io.taskforge.schedule.MisfirePolicy;
import io.taskforge.schedule.PipelineTarget;
import io.taskforge.schedule.Schedule;
import io.taskforge.schedule.ScheduleFire;
import io.taskforge.schedule.ScheduleFiring;
import io.taskforge.schedule.ScheduleNameTakenException;
import io.taskforge.schedule.ScheduleStore;
import io.taskforge.schedule.ScheduleTarget;
import io.taskforge.schedule.ScriptTarget;
import io.taskforge.schedule.TaskTarget;
import io.taskforge.store.Inserted;
import io.taskforge.store.StoreException;
import io.taskforge.store.jdbc.dialect.Dialect;
import io.taskforge.task.Priority;
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
 * {@link ScheduleStore} over JDBC, sharing the {@link StoreDb} (pool, dialect, write lock) and the
 * task inserts of the task store it was opened from: get it with {@link JdbcStores#schedules}.
 *
 * <p>A fire is one transaction: lock the schedule's row, check it is active and the slot is not
 * done with, insert the task through {@link TaskInserts} (so idle workers hear of it as of any
 * submission), insert the fire row, move {@code fired_up_to}. Two leaders racing for one slot queue
 * on the row lock, and the second finds the slot done with; the unique (schedule, slot) key is the
 * last word should anything get past that.
 */
final class JdbcScheduleStore implements ScheduleStore {
    private static final String COLUMNS = "id, tenant_id, name, description, cron, time_zone, interval_seconds,"
            + " target_kind, target_name, title, payload, queue, priority, tags, max_attempts, timeout_seconds,"
            + " paused, misfire_policy, misfire_limit, fired_up_to, next_fire_at, created_at, updated_at";
    private static final String FIRE_COLUMNS = "id, schedule_id, slot, fired_at, outcome, task_id, run_id, error";
    /** fired_up_to never moves back: the later of the stored and the given value. */
    private static final String FORWARD = "fired_up_to = CASE WHEN fired_up_to < ? THEN ? ELSE fired_up_to END";

    private final StoreDb db;
    private final Dialect d;
    private final TaskInserts inserts;
    private final RowMapper<Schedule> schedule = this::schedule;
    private final RowMapper<ScheduleFire> fire = this::fire;

    JdbcScheduleStore(StoreDb db, TaskInserts inserts) {
        this.db = db;
        this.d = db.dialect();
        this.inserts = inserts;
    }

    /** The id in the form the database returns it, or null when it cannot name a schedule. */
    private static String key(String id) {
        return TaskIds.isValid(id) ? id.toLowerCase(Locale.ROOT) : null;
    }

    @Override
    public Schedule scheduleInsert(Schedule s) {
        Objects.requireNonNull(s, "schedule");
        String key = key(s.id());
        if (key == null) {
            throw new IllegalArgumentException("not a schedule id: " + s.id());
        }
        return db.write(
                "insert schedule",
                (c, scope) -> {
                    Args args = db.args().id(key).text(s.tenantId());
                    JdbcRunner.update(
                            c,
                            "INSERT INTO tf_schedule (" + COLUMNS
                                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                                    + " ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            fields(args, s).instant(s.createdAt()).instant(s.updatedAt()));
                    return find(c, key, false).orElseThrow();
                },
                e -> nameTaken(e, s.name(), "insert schedule"));
    }

    /** Binds name .. next_fire_at, the columns a write may change, in COLUMNS order. */
    private static Args fields(Args args, Schedule s) {
        Target t = Target.of(s.target());
        return args.text(s.name())
                .text(s.description())
                .text(s.cron())
                .text(s.timeZone())
                .integer(s.intervalSeconds())
                .text(s.target().kind())
                .text(t.name)
                .text(t.title)
                .json(t.payload)
                .text(t.queue)
                .integer(t.priority)
                .stringList(t.tags)
                .integer(t.maxAttempts)
                .integer(t.timeoutSeconds)
                .bool(s.paused())
                .text(s.misfirePolicy().name())
                .integer(s.misfireLimit())
                .instant(s.firedUpTo())
                .instant(s.nextFireAt());
    }

    @Override
    public Optional<Schedule> scheduleGet(String id) {
        String key = key(id);
        return key == null ? Optional.empty() : db.read("read schedule", c -> find(c, key, false));
    }

    @Override
    public Optional<Schedule> scheduleGetByName(String tenantId, String name) {
        if (name == null) {
            return Optional.empty();
        }
        return db.read(
                "read schedule",
                c -> JdbcRunner.queryFirst(
                        c,
                        "SELECT " + COLUMNS
                                + " FROM tf_schedule WHERE tenant_id = ? AND name = ? AND deleted_at IS NULL",
                        db.args().text(tenantId).text(name),
                        schedule));
    }

    @Override
    public List<Schedule> scheduleList(String tenantId, String afterName, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        Args args = db.args().text(Objects.requireNonNull(tenantId, "tenantId"));
        String after = "";
        if (afterName != null) {
            after = " AND name > ?";
            args.text(afterName);
        }
        args.integer(limit);
        String sql = "SELECT " + COLUMNS + " FROM tf_schedule WHERE tenant_id = ? AND deleted_at IS NULL" + after
                + " ORDER BY name LIMIT ?";
        return db.read("list schedules", c -> JdbcRunner.query(c, sql, args, schedule));
    }

    @Override
    public Optional<Schedule> scheduleUpdate(Schedule s) {
        String key = key(s.id());
        if (key == null) {
            return Optional.empty();
        }
        return db.write(
                "update schedule",
                (c, scope) -> {
                    Target t = Target.of(s.target());
                    int n = JdbcRunner.update(
                            c,
                            "UPDATE tf_schedule SET name = ?, description = ?, cron = ?, time_zone = ?,"
                                    + " interval_seconds = ?, target_kind = ?, target_name = ?, title = ?, payload = ?,"
                                    + " queue = ?, priority = ?, tags = ?, max_attempts = ?, timeout_seconds = ?,"
                                    + " paused = ?, misfire_policy = ?, misfire_limit = ?, " + FORWARD + ","
                                    + " next_fire_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
                            db.args()
                                    .text(s.name())
                                    .text(s.description())
                                    .text(s.cron())
                                    .text(s.timeZone())
                                    .integer(s.intervalSeconds())
                                    .text(s.target().kind())
                                    .text(t.name)
                                    .text(t.title)
                                    .json(t.payload)
                                    .text(t.queue)
                                    .integer(t.priority)
                                    .stringList(t.tags)
                                    .integer(t.maxAttempts)
                                    .integer(t.timeoutSeconds)
                                    .bool(s.paused())
                                    .text(s.misfirePolicy().name())
                                    .integer(s.misfireLimit())
                                    .instant(s.firedUpTo())
                                    .instant(s.firedUpTo())
                                    .instant(s.nextFireAt())
                                    .instant(s.updatedAt())
                                    .id(key));
                    return n == 0 ? Optional.<Schedule>empty() : find(c, key, false);
                },
                e -> nameTaken(e, s.name(), "update schedule"));
    }

    @Override
    public Optional<Schedule> scheduleDelete(String id, Instant now) {
        String key = key(id);
        if (key == null) {
            return Optional.empty();
        }
        return db.write("delete schedule", (c, scope) -> {
            Optional<Schedule> found = find(c, key, true);
            if (found.isPresent()) {
                JdbcRunner.update(
                        c,
                        "UPDATE tf_schedule SET deleted_at = ?, updated_at = ?, next_fire_at = NULL"
                                + " WHERE id = ? AND deleted_at IS NULL",
                        db.args().instant(now).instant(now).id(key));
            }
            return found;
        });
    }

    @Override
    public List<Schedule> scheduleListDue(Instant now, int limit) {
        return db.read(
                "list due schedules",
                c -> JdbcRunner.query(
                        c,
                        "SELECT " + COLUMNS + " FROM tf_schedule WHERE next_fire_at <= ? AND deleted_at IS NULL"
                                + " AND paused = ? ORDER BY next_fire_at, id LIMIT ?",
                        db.args().instant(now).bool(false).integer(limit),
                        schedule));
    }

    @Override
    public Optional<Instant> scheduleNextFireAt() {
        return db.read(
                "read next schedule fire",
                c -> JdbcRunner.queryFirst(
                                c,
                                "SELECT MIN(next_fire_at) AS next_fire_at FROM tf_schedule"
                                        + " WHERE deleted_at IS NULL AND paused = ?",
                                db.args().bool(false),
                                rs -> Optional.ofNullable(d.readInstant(rs, "next_fire_at")))
                        .flatMap(o -> o));
    }

    @Override
    public FireResult scheduleFire(ScheduleFiring f) {
        String key = key(f.scheduleId());
        if (key == null) {
            return FireResult.of(FireResult.Status.NOT_ACTIVE);
        }
        try {
            return db.write("fire schedule", (c, scope) -> fireWithin(c, scope, key, f), e -> e);
        } catch (UniqueViolationException e) {
            if (e.mentions("slot")) {
                // Another process stored this slot's fire between our check and our insert.
                return FireResult.of(FireResult.Status.ALREADY_FIRED);
            }
            throw new StoreException("fire schedule failed", e);
        }
    }

    private FireResult fireWithin(Connection c, TxScope scope, String key, ScheduleFiring f) throws SQLException {
        Optional<Schedule> found = find(c, key, true);
        if (found.isEmpty()) {
            return FireResult.of(FireResult.Status.NOT_ACTIVE);
        }
        Schedule s = found.get();
        if (f.slot() != null) {
            if (s.paused()) {
                return FireResult.of(FireResult.Status.NOT_ACTIVE);
            }
            if (!f.slot().isAfter(s.firedUpTo())) {
                return FireResult.of(FireResult.Status.ALREADY_FIRED);
            }
        }
        String taskId = null;
        if (f.task() != null) {
            Inserted inserted =
                    inserts.insertWithin(c, scope, List.of(f.task())).getFirst();
            taskId = inserted.task().id();
        }
        JdbcRunner.update(
                c,
                "INSERT INTO tf_schedule_fire (schedule_id, slot, fired_at, outcome, task_id, run_id, error)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                db.args()
                        .id(key)
                        .instant(f.slot())
                        .instant(f.firedAt())
                        .text(f.outcome().name())
                        .id(taskId)
                        .text(f.runId())
                        .text(f.error()));
        if (f.slot() != null) {
            JdbcRunner.update(
                    c,
                    "UPDATE tf_schedule SET " + FORWARD + ", next_fire_at = ? WHERE id = ?",
                    db.args()
                            .instant(f.slot())
                            .instant(f.slot())
                            .instant(f.nextFireAt())
                            .id(key));
        }
        ScheduleFire stored = JdbcRunner.queryFirst(
                        c,
                        "SELECT " + FIRE_COLUMNS
                                + " FROM tf_schedule_fire WHERE schedule_id = ? ORDER BY id DESC LIMIT 1",
                        db.args().id(key),
                        fire)
                .orElseThrow(() -> new SQLException("the fire just inserted is not there"));
        return FireResult.fired(stored);
    }

    @Override
    public boolean scheduleAdvance(String id, Instant upTo, Instant nextFireAt) {
        String key = key(id);
        if (key == null) {
            return false;
        }
        return db.write(
                        "advance schedule",
                        (c, scope) -> JdbcRunner.update(
                                c,
                                "UPDATE tf_schedule SET " + FORWARD + ", next_fire_at = ?"
                                        + " WHERE id = ? AND deleted_at IS NULL AND paused = ?",
                                db.args()
                                        .instant(upTo)
                                        .instant(upTo)
                                        .instant(nextFireAt)
                                        .id(key)
                                        .bool(false)))
                > 0;
    }

    @Override
    public List<ScheduleFire> scheduleFireList(String scheduleId, Long beforeId, int limit) {
        String key = key(scheduleId);
        if (key == null) {
            return List.of();
        }
        Args args = db.args().id(key);
        String before = "";
        if (beforeId != null) {
            before = " AND id < ?";
            args.bigint(beforeId);
        }
        args.integer(limit);
        String sql = "SELECT " + FIRE_COLUMNS + " FROM tf_schedule_fire WHERE schedule_id = ?" + before
                + " ORDER BY id DESC LIMIT ?";
        return db.read("list schedule fires", c -> JdbcRunner.query(c, sql, args, fire));
    }

    @Override
    public String toString() {
        return "JdbcScheduleStore[" + d.name() + "]";
    }

    /** The undeleted schedule, its row locked for the rest of the transaction when {@code lock}. */
    private Optional<Schedule> find(Connection c, String key, boolean lock) throws SQLException {
        return JdbcRunner.queryFirst(
                c,
                "SELECT " + COLUMNS + " FROM tf_schedule WHERE id = ? AND deleted_at IS NULL"
                        + (lock ? d.forUpdate() : ""),
                db.args().id(key),
                schedule);
    }

    private Schedule schedule(ResultSet rs) throws SQLException {
        return new Schedule(
                d.readId(rs, "id"),
                rs.getString("tenant_id"),
                rs.getString("name"),
                rs.getString("description"),
                rs.getString("cron"),
                rs.getString("time_zone"),
                integer(rs, "interval_seconds"),
                target(rs),
                rs.getBoolean("paused"),
                MisfirePolicy.valueOf(rs.getString("misfire_policy")),
                rs.getInt("misfire_limit"),
                d.readInstant(rs, "fired_up_to"),
                d.readInstant(rs, "next_fire_at"),
                d.readInstant(rs, "created_at"),
                d.readInstant(rs, "updated_at"));
    }

    private ScheduleTarget target(ResultSet rs) throws SQLException {
        String kind = rs.getString("target_kind");
        String name = rs.getString("target_name");
        String payload = d.readJson(rs, "payload");
        return switch (kind) {
            case TaskTarget.KIND -> {
                Integer rank = integer(rs, "priority");
                yield new TaskTarget(
                        name,
                        rs.getString("title"),
                        payload,
                        rs.getString("queue"),
                        rank == null ? null : Priority.ofRank(rank),
                        d.readStringList(rs, "tags"),
                        integer(rs, "max_attempts"),
                        integer(rs, "timeout_seconds"));
            }
            case ScriptTarget.KIND -> new ScriptTarget(name, payload);
            case PipelineTarget.KIND -> new PipelineTarget(name, payload);
            default -> throw new SQLException("unknown schedule target kind in the database: " + kind);
        };
    }

    private ScheduleFire fire(ResultSet rs) throws SQLException {
        String taskId = rs.getString("task_id");
        return new ScheduleFire(
                rs.getLong("id"),
                d.readId(rs, "schedule_id"),
                d.readInstant(rs, "slot"),
                d.readInstant(rs, "fired_at"),
                FireOutcome.valueOf(rs.getString("outcome")),
                taskId == null ? null : d.readId(rs, "task_id"),
                rs.getString("run_id"),
                rs.getString("error"));
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    /** The only unique index a schedule write can hit besides its id is the name's. */
    private static RuntimeException nameTaken(UniqueViolationException e, String name, String what) {
        if (name != null && e.mentions("name")) {
            return new ScheduleNameTakenException(name);
        }
        return new StoreException(what + " failed", e);
    }

    /** A target flattened into the schedule's columns. */
    private record Target(
            String name,
            String title,
            String payload,
            String queue,
            Integer priority,
            List<String> tags,
            Integer maxAttempts,
            Integer timeoutSeconds) {

        static Target of(ScheduleTarget target) {
            return switch (target) {
                case TaskTarget t ->
                    new Target(
                            t.type(),
                            t.title(),
                            t.payload(),
                            t.queue(),
                            t.priority() == null ? null : t.priority().rank(),
                            t.tags(),
                            t.maxAttempts(),
                            t.timeoutSeconds());
                case ScriptTarget t -> new Target(t.script(), null, t.params(), null, null, List.of(), null, null);
                case PipelineTarget t -> new Target(t.pipeline(), null, t.params(), null, null, List.of(), null, null);
            };
        }
    }
}
