package io.taskforge.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where schedules and the history of their fires live.
 *
 * <p>Conventions, which the contract suite in {@code taskforge-testkit} ({@code
 * ScheduleStoreContract}) checks for every store:
 *
 * <ul>
 *   <li>Methods read noun first, then verb. Time comes in as a parameter; a store never reads a
 *       clock. The store checks no bounds: {@link ScheduleService} does.
 *   <li>Names are unique among the undeleted schedules of a tenant. Soft-deleted schedules are
 *       invisible to every read and write; their fires stay in the database.
 *   <li>A slot fires at most once per schedule, however many processes try: the fire row's key is
 *       (schedule, slot), and the fire, the task it creates and the schedule's new {@code
 *       firedUpTo} are written in one transaction, so a task exists exactly when its fire does.
 *   <li>{@code firedUpTo} only moves forward.
 *   <li>Ids that are not well-formed simply match nothing.
 * </ul>
 */
public interface ScheduleStore {

    /**
     * Inserts a fully formed schedule.
     *
     * @throws ScheduleNameTakenException when an undeleted schedule of the tenant has the name
     */
    Schedule scheduleInsert(Schedule schedule);

    /** The undeleted schedule with this id, of any tenant: the caller compares its tenant. */
    Optional<Schedule> scheduleGet(String id);

    /** The tenant's undeleted schedule with this name. */
    Optional<Schedule> scheduleGetByName(String tenantId, String name);

    /** The tenant's undeleted schedules by name (byte order): the first {@code limit} after {@code afterName}. */
    List<Schedule> scheduleList(String tenantId, String afterName, int limit);

    /**
     * Writes every field of {@code schedule} but {@code id}, {@code tenantId} and {@code createdAt},
     * except that {@code firedUpTo} never moves back: it becomes the later of the stored and the
     * given one (a fire committed meanwhile is not undone).
     *
     * @return the schedule as stored, or empty when there is no such undeleted schedule
     * @throws ScheduleNameTakenException when the new name is held by another schedule
     */
    Optional<Schedule> scheduleUpdate(Schedule schedule);

    /** Soft-deletes; returns the schedule as it was, or empty when there is none. */
    Optional<Schedule> scheduleDelete(String id, Instant now);

    /** Unpaused, undeleted schedules whose {@code nextFireAt <= now}, earliest first, at most {@code limit}. */
    List<Schedule> scheduleListDue(Instant now, int limit);

    /** The earliest {@code nextFireAt} of the unpaused, undeleted schedules. */
    Optional<Instant> scheduleNextFireAt();

    /**
     * Stores a fire and what it created, in one transaction: locks the schedule's row, inserts the
     * task (if any), the fire row, and for a slot's fire moves {@code firedUpTo} to the slot and
     * {@code nextFireAt} to the given one.
     *
     * <p>A slot's fire is refused, writing nothing, when the schedule is paused or gone ({@link
     * FireResult.Status#NOT_ACTIVE}) or the slot is at or before {@code firedUpTo} or has a fire
     * already ({@link FireResult.Status#ALREADY_FIRED}, also when two processes race for it). A
     * manual fire (no slot) is refused only when the schedule is gone.
     */
    FireResult scheduleFire(ScheduleFiring firing);

    /**
     * Moves {@code firedUpTo} forward to {@code upTo} (never back) and sets {@code nextFireAt}, for
     * an unpaused, undeleted schedule: the slots in between are done with.
     *
     * @return false when the schedule is paused or gone
     */
    boolean scheduleAdvance(String id, Instant upTo, Instant nextFireAt);

    /** Fires of a schedule, newest first: the first {@code limit} with an id below {@code beforeId}. */
    List<ScheduleFire> scheduleFireList(String scheduleId, Long beforeId, int limit);
}
