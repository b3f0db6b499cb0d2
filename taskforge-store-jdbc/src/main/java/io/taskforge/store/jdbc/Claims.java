package io.taskforge.store.jdbc;

import io.taskforge.jdbc.JdbcRunner;
import io.taskforge.jdbc.RowMapper;
import io.taskforge.store.ClaimParams;
import io.taskforge.store.jdbc.dialect.Dialect;
import io.taskforge.task.Task;
import io.taskforge.task.TaskEvent;
import io.taskforge.task.TaskEventType;
import io.taskforge.task.TaskStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Claiming ready tasks: the claimed rows become RUNNING and their STARTED events go in the same
 * transaction.
 *
 * <p>Queue settings are read first, in the same transaction ({@link QueueLimits}). A claim from
 * one queue is one statement (see {@link io.taskforge.store.jdbc.dialect.Dialect#claimSql}) that
 * reads the claim index in order and stops after N rows. A claim from several queues picks the
 * first candidates of each queue the same way (up to N, or what a limited queue allows), locking
 * them, keeps the first N of all in claim order, and makes exactly those RUNNING. Either way a
 * claim reads about N index entries per queue, however long the backlog: one statement over a list
 * of queues would make the database sort every ready task of them first.
 *
 * <p>A claim for one tenant (remote workers acting for a tenant) always picks, with the tenant in
 * the pick's condition: it reads the claim index in order and steps over other tenants' ready tasks,
 * so it costs more the more of them wait ahead. The engine's workers claim for every tenant and never
 * take that path, so the hot path is unchanged.
 *
 * <p>While a tenant has a {@code max_running} quota ({@link TenantLimits}), claims pick too: the
 * picks leave out the tasks of tenants with no room left, and the claim takes no more of a tenant's
 * tasks than it has room for.
 */
final class Claims {
    /** Highest priority first, then earliest runAt, then id: the order the statement picked them in. */
    static final Comparator<Task> CLAIM_ORDER = Comparator.comparing(
                    (Task t) -> t.priority().rank())
            .reversed()
            .thenComparing(Task::runAt)
            .thenComparing(Task::id);

    // A new attempt starts with no progress; the last error stays until this attempt ends.
    private static final String ASSIGNMENTS = "status = 'RUNNING', attempt = attempt + 1, worker_id = ?,"
            + " lease_until = ?, started_at = ?, updated_at = ?, progress_percent = NULL, progress_message = NULL";

    private final StoreDb db;
    private final Dialect d;
    private final TaskRows rows;
    private final Events events;
    private final QueueLimits limits;
    private final TenantLimits tenantLimits;
    private final String claimSql;
    private final String pickSql;
    private final String tenantPickSql;
    private final String pickExcludingSql;
    private final String claimPickedSql;
    /** Whether the claim statements append the STARTED events and return tags themselves. */
    private final boolean withEvents;

    private final RowMapper<Task> claimedRows;

    Claims(StoreDb db, TaskRows rows, Events events, QueueLimits limits, TenantLimits tenantLimits) {
        this.db = db;
        this.d = db.dialect();
        this.rows = rows;
        this.events = events;
        this.limits = limits;
        this.tenantLimits = tenantLimits;
        this.pickSql = pickSql("");
        this.tenantPickSql = pickSql(" AND tenant_id = ?");
        this.pickExcludingSql = pickSql(" AND NOT (" + d.anyOf("tenant_id") + ")");
        String claimPicked = "UPDATE tf_task SET " + ASSIGNMENTS + " WHERE " + d.anyOf("id")
                + " AND status = 'QUEUED' AND deleted_at IS NULL RETURNING " + String.join(", ", TaskRows.COLUMNS);
        String claimOne = d.claimSql(ASSIGNMENTS, TaskRows.COLUMNS);
        String started = TaskEventType.STARTED.wireName();
        Optional<String> one = d.claimWithEventsSql(claimOne, started, "QUEUED", "RUNNING");
        Optional<String> picked = d.claimWithEventsSql(claimPicked, started, "QUEUED", "RUNNING");
        this.withEvents = one.isPresent() && picked.isPresent();
        this.claimSql = one.orElse(claimOne);
        this.claimPickedSql = picked.orElse(claimPicked);
        this.claimedRows = withEvents ? rows.mapperWithTags() : rows.mapper();
    }

    private String pickSql(String tenantCondition) {
        return "SELECT id, tenant_id, priority, run_at FROM tf_task"
                + " WHERE status = 'QUEUED' AND deleted_at IS NULL AND queue = ?" + tenantCondition
                + " ORDER BY priority DESC, run_at, id LIMIT ?" + d.forUpdateSkipLocked();
    }

    /** A ready task considered by a claim that picks, with what orders it and whose it is. */
    private record Candidate(String id, String tenantId, int priority, Instant runAt) {}

    private static final Comparator<Candidate> CANDIDATE_ORDER = Comparator.comparingInt(Candidate::priority)
            .reversed()
            .thenComparing(Candidate::runAt)
            .thenComparing(Candidate::id);

    List<Task> claim(ClaimParams p) {
        if (p.queues().isEmpty()) {
            return List.of();
        }
        return db.write("claim tasks", (c, scope) -> {
            QueueLimits.Plan plan = limits.plan(c, p);
            if (plan.open().isEmpty()) {
                return List.of();
            }
            TenantLimits.Room room = tenantLimits.room(c);
            if (p.tenantId() != null && !room.allows(p.tenantId(), 0)) {
                return List.of();
            }
            List<Task> claimed = d.inClaimOrder(c, cc -> {
                if (plan.open().size() == 1 && p.tenantId() == null && room.unlimited()) {
                    String queue = plan.open().getFirst();
                    return claimInOneStatement(cc, p, queue, mostFrom(queue, p, plan));
                }
                return claimPicked(cc, p, plan, room);
            });
            if (claimed.isEmpty()) {
                return List.of();
            }
            claimed.sort(CLAIM_ORDER);
            limits.charge(c, plan, claimed, p.now());
            if (withEvents) {
                return claimed;
            }
            events.append(
                    c,
                    claimed.stream()
                            .map(t -> new TaskEvent(
                                    t.id(),
                                    p.now(),
                                    TaskEventType.STARTED,
                                    TaskStatus.QUEUED,
                                    TaskStatus.RUNNING,
                                    t.attempt(),
                                    null,
                                    null,
                                    Actors.worker(p.workerId())))
                            .toList());
            return rows.withTags(c, claimed);
        });
    }

    private List<Task> claimInOneStatement(Connection c, ClaimParams p, String queue, int max) throws SQLException {
        Args args = db.args()
                .text(p.workerId())
                .instant(p.leaseUntil())
                .instant(p.now())
                .instant(p.now())
                .text(queue)
                .integer(max);
        eventArgs(args, p);
        return new ArrayList<>(JdbcRunner.query(c, claimSql, args, claimedRows));
    }

    /** The STARTED event's values, where the claim statement appends the events itself. */
    private void eventArgs(Args args, ClaimParams p) {
        if (withEvents) {
            args.instant(p.now()).text(Actors.worker(p.workerId()));
        }
    }

    /** The most tasks this claim may take from the queue: what it asks for, or less if the queue is limited. */
    private static int mostFrom(String queue, ClaimParams p, QueueLimits.Plan plan) {
        return Math.min(p.max(), plan.caps().getOrDefault(queue, p.max()));
    }

    /**
     * Picks per queue (up to what a limited one allows, leaving out tenants with no room), then takes
     * the first N of all, no more of a tenant than it has room for.
     */
    private List<Task> claimPicked(Connection c, ClaimParams p, QueueLimits.Plan plan, TenantLimits.Room room)
            throws SQLException {
        List<Candidate> candidates = new ArrayList<>();
        for (String queue : plan.open()) {
            int max = mostFrom(queue, p, plan);
            String sql;
            Args pickArgs = db.args().text(queue);
            if (p.tenantId() != null) {
                sql = tenantPickSql;
                pickArgs.text(p.tenantId());
            } else if (!room.full().isEmpty()) {
                sql = pickExcludingSql;
                pickArgs.texts(room.full());
            } else {
                sql = pickSql;
            }
            candidates.addAll(JdbcRunner.query(
                    c,
                    sql,
                    pickArgs.integer(max),
                    rs -> new Candidate(
                            d.readId(rs, "id"),
                            rs.getString("tenant_id"),
                            rs.getInt("priority"),
                            d.readInstant(rs, "run_at"))));
        }
        candidates.sort(CANDIDATE_ORDER);
        List<String> ids = new ArrayList<>();
        Map<String, Integer> taken = new HashMap<>();
        for (Candidate candidate : candidates) {
            if (ids.size() == p.max()) {
                break;
            }
            int ofTenant = taken.getOrDefault(candidate.tenantId(), 0);
            if (room.allows(candidate.tenantId(), ofTenant)) {
                ids.add(candidate.id());
                taken.put(candidate.tenantId(), ofTenant + 1);
            }
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        Args args = db.args()
                .text(p.workerId())
                .instant(p.leaseUntil())
                .instant(p.now())
                .instant(p.now())
                .ids(ids);
        eventArgs(args, p);
        return new ArrayList<>(JdbcRunner.query(c, claimPickedSql, args, claimedRows));
    }
}
