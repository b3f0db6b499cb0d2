package io.taskforge.engine;

import io.taskforge.store.PromoteResult;
import io.taskforge.store.TaskStore;
import io.taskforge.task.Task;
import io.taskforge.time.Millis;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader duties: one process of the cluster at a time (a lease row in the store decides which)
 * promotes due SCHEDULED and RETRYING tasks to QUEUED, takes back tasks whose lease expired, and
 * marks workers that stopped heartbeating as LOST, and removes finished tasks older than their
 * retention period. Every duty is idempotent, so a leader change
 * at any point loses or doubles nothing; the lease only keeps the work from being done N times.
 *
 * <p>The promoter sleeps until the next task is due (at most {@link #MAX_PROMOTE_PAUSE}), so a
 * delayed task starts within about a second of its time without the leader polling hard.
 */
final class Maintenance extends BackgroundLoop {
    private static final Logger log = LoggerFactory.getLogger(Maintenance.class);
    static final String LEADERSHIP = "maintenance";
    private static final Duration MAX_PROMOTE_PAUSE = Duration.ofSeconds(1);
    private static final int BATCH = 1_000;
    static final Duration WORKER_HISTORY = Duration.ofHours(24);
    /** Bounds one round's work so that leadership is renewed in time even with a huge backlog. */
    private static final int MAX_BATCHES_PER_ROUND = 50;
    /**
     * How often old tasks are removed. Each round removes at most {@code MAX_BATCHES_PER_ROUND}
     * batches, so a backlog of expired history (retention switched on for a big table) goes away
     * over some rounds without holding up the other duties.
     */
    static final Duration RETENTION_INTERVAL = Duration.ofMinutes(1);

    private final TaskStore store;
    private final Clock clock;
    private final EngineConfig config;
    private final String nodeId;
    private final Duration leaderLease;
    private final Duration leaderRenewEvery;
    private Instant leaderUntil = Instant.MIN;
    private Instant nextLeaderCheck = Instant.MIN;
    private Instant nextRescue = Instant.MIN;
    private Instant nextPurge = Instant.MIN;
    private boolean leader;

    Maintenance(TaskStore store, Clock clock, EngineConfig config) {
        super("taskforge-maintenance-" + config.workerId());
        this.store = store;
        this.clock = clock;
        this.config = config;
        this.nodeId = config.workerId();
        // A dead leader is replaced within about half a task lease, long before its tasks' leases
        // expire, so rescue timing does not depend on which node died.
        this.leaderLease = config.leaseDuration().dividedBy(2);
        this.leaderRenewEvery = leaderLease.dividedBy(3);
    }

    @Override
    protected Duration runOnce() {
        Instant now = now();
        if (!now.isBefore(nextLeaderCheck)) {
            boolean was = leader;
            leader = store.leaderTryAcquire(LEADERSHIP, nodeId, now, now.plus(leaderLease));
            leaderUntil = leader ? now.plus(leaderLease) : Instant.MIN;
            nextLeaderCheck = now.plus(leaderRenewEvery);
            if (leader != was) {
                log.info("{} {} leader duties", nodeId, leader ? "took over" : "gave up");
            }
        }
        if (!leader || !now.isBefore(leaderUntil)) {
            return Duration.between(now, nextLeaderCheck).plusMillis(1);
        }
        promoteDue(now);
        if (!now.isBefore(nextRescue)) {
            rescueExpired(now);
            markLostWorkers(now);
            nextRescue = now.plus(config.rescueInterval());
        }
        if (!now.isBefore(nextPurge)) {
            purgeOld(now);
            nextPurge = now.plus(RETENTION_INTERVAL);
        }
        return pauseUntilNextDuty(now);
    }

    /** SCHEDULED / RETRYING tasks whose time came become QUEUED. */
    int promoteDue(Instant now) {
        int total = 0;
        for (int i = 0; i < MAX_BATCHES_PER_ROUND; i++) {
            PromoteResult r = store.taskPromoteDue(now, BATCH);
            total += r.count();
            if (r.count() < BATCH) {
                break;
            }
        }
        return total;
    }

    /** RUNNING tasks whose lease expired go back to their queue (or fail, or finish cancelled). */
    int rescueExpired(Instant now) {
        int total = 0;
        for (int i = 0; i < MAX_BATCHES_PER_ROUND; i++) {
            List<Task> rescued = store.taskRescueExpired(now, BATCH);
            total += rescued.size();
            if (rescued.size() < BATCH) {
                break;
            }
        }
        if (total > 0) {
            log.info("took back {} tasks whose worker stopped renewing their lease", total);
        }
        return total;
    }

    /** Finished tasks older than their retention period go, with their events and log lines. */
    int purgeOld(Instant now) {
        Instant finishedBefore = config.finishedRetention() == null ? null : now.minus(config.finishedRetention());
        Instant failedBefore = config.failedRetention() == null ? null : now.minus(config.failedRetention());
        if (finishedBefore == null && failedBefore == null) {
            return 0;
        }
        int total = 0;
        for (int i = 0; i < MAX_BATCHES_PER_ROUND; i++) {
            int removed = store.taskPurgeFinished(finishedBefore, failedBefore, BATCH);
            total += removed;
            if (removed < BATCH) {
                break;
            }
        }
        if (total > 0) {
            log.info("removed {} finished tasks older than their retention period", total);
        }
        return total;
    }

    int markLostWorkers(Instant now) {
        int lost = store.workerMarkLost(now.minus(config.leaseDuration()), now);
        if (lost > 0) {
            log.warn("{} workers stopped heartbeating and are marked LOST", lost);
        }
        // Every process start registers a new worker id: forget the dead ones after a day, long
        // enough for people to see which worker died and when.
        store.workerDeleteInactive(now.minus(WORKER_HISTORY));
        return lost;
    }

    private Duration pauseUntilNextDuty(Instant now) {
        Instant next = nextLeaderCheck;
        if (nextRescue.isBefore(next)) {
            next = nextRescue;
        }
        Instant promoteBy = now.plus(MAX_PROMOTE_PAUSE);
        Optional<Instant> due = store.taskNextDueAt();
        if (due.isPresent() && due.get().isBefore(promoteBy)) {
            promoteBy = due.get();
        }
        if (promoteBy.isBefore(next)) {
            next = promoteBy;
        }
        Duration d = Duration.between(now(), next);
        return d.isNegative() ? Duration.ZERO : d.plusMillis(1);
    }

    @Override
    protected void onStop() {
        if (leader) {
            try {
                store.leaderRelease(LEADERSHIP, nodeId);
            } catch (RuntimeException e) {
                log.debug("could not release leadership; it expires by itself", e);
            }
        }
    }

    void stop() {
        stop(Duration.ofSeconds(10));
    }

    private Instant now() {
        return Millis.now(clock);
    }
}
