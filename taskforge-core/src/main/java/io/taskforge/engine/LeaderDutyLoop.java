package io.taskforge.engine;

import io.taskforge.store.TaskStore;
import io.taskforge.time.Millis;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link LeaderDuty} while this process holds its leadership, in the manner of {@link
 * Maintenance}: a lease of half the task lease, renewed every third of that, released on stop. A
 * round starts only while the lease is held; a round that outlives the lease is harmless because
 * the duty's writes are guarded.
 */
final class LeaderDutyLoop extends BackgroundLoop {
    private static final Logger log = LoggerFactory.getLogger(LeaderDutyLoop.class);
    /** The longest a leader sleeps between rounds: what other processes added is seen this soon. */
    static final Duration MAX_PAUSE = Duration.ofSeconds(1);

    private final LeaderDuty duty;
    private final TaskStore store;
    private final Clock clock;
    private final String nodeId;
    private final Duration leaderLease;
    private final Duration leaderRenewEvery;
    private Instant leaderUntil = Instant.MIN;
    private Instant nextLeaderCheck = Instant.MIN;
    private boolean leader;

    LeaderDutyLoop(LeaderDuty duty, TaskStore store, Clock clock, EngineConfig config) {
        super("taskforge-" + duty.name() + "-" + config.workerId());
        this.duty = duty;
        this.store = store;
        this.clock = clock;
        this.nodeId = config.workerId();
        this.leaderLease = config.leaseDuration().dividedBy(2);
        this.leaderRenewEvery = leaderLease.dividedBy(3);
    }

    @Override
    protected Duration runOnce() throws Exception {
        Instant now = Millis.now(clock);
        if (!now.isBefore(nextLeaderCheck)) {
            boolean was = leader;
            leader = store.leaderTryAcquire(duty.name(), nodeId, now, now.plus(leaderLease));
            leaderUntil = leader ? now.plus(leaderLease) : Instant.MIN;
            nextLeaderCheck = now.plus(leaderRenewEvery);
            if (leader != was) {
                log.info("{} {} the '{}' leader duty", nodeId, leader ? "took over" : "gave up", duty.name());
            }
        }
        Duration untilCheck = Duration.between(now, nextLeaderCheck).plusMillis(1);
        if (!leader || !now.isBefore(leaderUntil)) {
            return min(untilCheck, MAX_PAUSE);
        }
        Duration pause = duty.runOnce(now);
        return min(min(pause, untilCheck), MAX_PAUSE);
    }

    private static Duration min(Duration a, Duration b) {
        Duration m = a.compareTo(b) <= 0 ? a : b;
        return m.isNegative() ? Duration.ZERO : m;
    }

    @Override
    protected void onStop() {
        if (leader) {
            try {
                store.leaderRelease(duty.name(), nodeId);
            } catch (RuntimeException e) {
                log.debug("could not release the '{}' leadership; it expires by itself", duty.name(), e);
            }
        }
    }

    String dutyName() {
        return duty.name();
    }

    void stop() {
        stop(Duration.ofSeconds(10));
    }
}
