package io.taskforge.store;

import java.time.Instant;
import java.util.List;

/**
 * A page of the task change feed ({@link TaskStore#taskChangesAfter}).
 *
 * @param changes status changes in event order
 * @param nextAfter the last event id this page covers, status change or not: the next page starts
 *     after it. Equal to the id asked for when nothing newer is visible.
 * @param gap null, or missing ids right after {@code nextAfter} (see {@link Gap})
 */
public record TaskChangePage(List<TaskChange> changes, long nextAfter, Gap gap) {

    public TaskChangePage {
        changes = List.copyOf(changes);
    }

    /**
     * Event ids {@code nextAfter + 1 .. lastMissingId} are not visible although a later event is.
     * On a database with concurrent writers an id is drawn when the event is written but becomes
     * visible when its transaction commits, so a reader can see id n+1 before n. Such a gap either
     * fills (the transaction commits) or stays for good (it rolled back, or the events were
     * deleted). The page stops before it; a reader that must not miss a change asks again a moment
     * later, and steps over the gap (continuing after {@code lastMissingId}) once it has waited
     * long enough, or at once when {@code nextEventAt} shows the gap is old.
     *
     * @param lastMissingId the id just below the next visible event
     * @param nextEventAt when the next visible event was recorded
     */
    public record Gap(long lastMissingId, Instant nextEventAt) {}
}
