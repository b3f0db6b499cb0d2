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
import java.util.List;
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
    private final String claimSql;
    private final String pickSql;
    private final String tenantPickSql;
    private final String claimPickedSql;
    /** Whether the claim statements append the STARTED events and return tags themselves. */
    private final boolean withEvents;

    private final RowMapper<Task> claimedRows;

    Claims(StoreDb db, TaskRows rows, Events events, QueueLimits limits) {
        this.db = db;
        this.d = db.dialect();
        this.rows = rows;
        this.events = events;
        this.limits = limits;
        this.pickSql = "SELECT id, priority, run_at FROM tf_task"
                + " WHERE status = 'QUEUED' AND deleted_at IS NULL AND queue = ?"
                + " ORDER BY priority DESC, run_at, id LIMIT ?" + d.forUpdateSkipLocked();
        this.tenantPickSql = "SELECT id, priority, run_at FROM tf_task"
                + " WHERE status = 'QUEUED' AND deleted_at IS NULL AND queue = ? AND tenant_id = ?"
                + " ORDER BY priority DESC, run_at, id LIMIT ?" + d.forUpdateSkipLocked();
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

    /** A ready task considered by a claim over several queues, with what orders it. */
    private record Candidate(String id, int priority, Instant runAt) {}

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
            List<Task> claimed = d.inClaimOrder(c, cc -> {
                if (plan.open().size() == 1 && p.tenantId() == null) {
                    String queue = plan.open().getFirst();
                    return claimInOneStatement(cc, p, queue, mostFrom(queue, p, plan));
                }
                return claimPicked(cc, p, plan);
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

    /** Several queues: pick per queue (up to what a limited one allows), then take the first N of all. */
    private List<Task> claimPicked(Connection c, ClaimParams p, QueueLimits.Plan plan) throws SQLException {
        List<Candidate> candidates = new ArrayList<>();
        for (String queue : plan.open()) {
            int max = mostFrom(queue, p, plan);
            Args pickArgs = p.tenantId() == null
                    ? db.args().text(queue).integer(max)
                    : db.args().text(queue).text(p.tenantId()).integer(max);
            candidates.addAll(JdbcRunner.query(
                    c,
                    p.tenantId() == null ? pickSql : tenantPickSql,
                    pickArgs,
                    rs -> new Candidate(d.readId(rs, "id"), rs.getInt("priority"), d.readInstant(rs, "run_at"))));
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        candidates.sort(CANDIDATE_ORDER);
        List<String> ids = candidates.stream().limit(p.max()).map(Candidate::id).toList();
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
