package io.taskforge.audit;

import java.time.Instant;
import java.util.List;

/**
 * Where the audit log lives. It is append-only: there is no operation that changes or removes one
 * event, only {@link #auditPurge retention}, which removes every event older than a cutoff.
 *
 * <p>Conventions, which the contract suite in {@code taskforge-testkit} ({@code
 * AuditStoreContract}) checks for every store:
 *
 * <ul>
 *   <li>Methods read noun first, then verb. Time comes in as a parameter; a store never reads a
 *       clock.
 *   <li>The log is read newest first: by {@code at}, then by id, both descending. Pages follow
 *       each other without gaps or repeats while events are appended.
 *   <li>Failures of the database surface as {@link io.taskforge.store.StoreException}; nothing is
 *       half written.
 * </ul>
 */
public interface AuditStore {

    /**
     * Appends the events in one transaction: all are stored or none. An event whose id is stored
     * already is skipped, so a batch repeated after its commit went unacknowledged is stored once.
     */
    void auditAppend(List<AuditEvent> events);

    /**
     * One page of the events that match, newest first.
     *
     * @throws io.taskforge.store.InvalidCursorException when the cursor was not handed out by this
     *     store
     */
    AuditPage auditList(AuditQuery query);

    /**
     * Retention: removes up to {@code limit} events older than {@code before}, oldest first.
     *
     * @return how many were removed; fewer than {@code limit} means none older are left
     */
    int auditPurge(Instant before, int limit);
}
