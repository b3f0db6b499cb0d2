package io.taskforge.engine;

import java.time.Duration;
import java.time.Instant;

/**
 * A job that one process of the cluster does at a time, such as firing schedules. The engine runs
 * each duty on a loop of its own, under a leadership of its own (named {@link #name()}, held as a
 * lease row in the store like the maintenance duties'), so a slow duty never delays another.
 *
 * <p>Losing the leadership in the middle of a round must lose or double nothing: a duty's writes are
 * guarded in the store (a unique key, a conditional update), and the leadership only keeps N
 * processes from doing the same work at once.
 */
public interface LeaderDuty {
    /** The leadership's name in the store; unique among the duties of an engine. */
    String name();

    /**
     * One round of work at {@code now} (the engine's clock).
     *
     * @return how long to wait before the next round; the engine waits at most {@link
     *     LeaderDutyLoop#MAX_PAUSE}, so work that other processes add is seen within that
     */
    Duration runOnce(Instant now) throws Exception;
}
