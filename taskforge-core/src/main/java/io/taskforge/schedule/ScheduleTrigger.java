package io.taskforge.schedule;

import java.time.Instant;
import java.util.Optional;

/**
 * When a schedule fires: a sequence of instants ("slots"), millisecond-aligned. Pure: the same
 * question gets the same answer on every node, which is what lets the slot be the unique key of a
 * fire.
 */
public sealed interface ScheduleTrigger permits CronTrigger, IntervalTrigger {

    /** The first slot strictly after {@code t}; empty when there is none (a cron for a date passed). */
    Optional<Instant> nextAfter(Instant t);

    /** The last slot at or before {@code t}; empty when there is none. */
    Optional<Instant> latestAtOrBefore(Instant t);
}
