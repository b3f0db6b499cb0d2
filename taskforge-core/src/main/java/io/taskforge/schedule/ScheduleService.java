package io.taskforge.schedule;

import io.taskforge.client.FieldError;
import io.taskforge.client.TaskValidationException;
import io.taskforge.client.TaskforgeClient;
import io.taskforge.json.JsonCodec;
import io.taskforge.script.ScriptService;
import io.taskforge.store.InvalidCursorException;
import io.taskforge.task.TaskIds;
import io.taskforge.time.Millis;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Schedules: what the REST API, the CLI and embedding applications call. Every input is checked
 * (see {@link ScheduleChecks}) before the {@link ScheduleStore} sees it; firing is the leader's
 * job ({@link ScheduleFirer}), except {@link #trigger}, which fires at once on the caller's node.
 *
 * <p>Schedules are addressed by a <em>reference</em>: their id, or their name (names shaped like
 * ids are refused, so the two cannot be confused).
 *
 * <p>A new schedule fires for the first slot after its creation. Pausing stops its fires; resuming
 * starts again from the moment of the resume: slots that passed while it was paused are not owed
 * (the misfire policy is about downtime, not about a pause someone chose).
 *
 * <p>Thread-safe; one instance serves a whole process.
 */
public final class ScheduleService {
    private final ScheduleStore store;
    private final TaskforgeClient client;
    private final Clock clock;
    private final ScheduleChecks checks;
    private final FireMaker maker;

    /**
     * @param scripts checks and runs script targets; null refuses them
     * @param pipelines checks and starts pipeline targets; null refuses them ("pipelines are not
     *     available")
     */
    public ScheduleService(
            ScheduleStore store,
            TaskforgeClient client,
            ScriptService scripts,
            PipelineRunLauncher pipelines,
            JsonCodec json,
            Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.checks = new ScheduleChecks(client, scripts, pipelines, Objects.requireNonNull(json, "json"));
        this.maker = new FireMaker(client, scripts, pipelines);
    }

    /**
     * Stores a new schedule.
     *
     * @throws TaskValidationException when a field is missing or wrong (a bad cron expression, time
     *     zone or interval, a target that could not fire); nothing is written
     * @throws ScheduleNameTakenException when an undeleted schedule has the name
     */
    public Schedule create(NewSchedule s) {
        return create(client.defaults().tenantId(), s);
    }

    /** {@link #create(NewSchedule)} in {@code tenantId}; its target must name the tenant's script or pipeline. */
    public Schedule create(String tenantId, NewSchedule s) {
        Objects.requireNonNull(tenantId, "tenantId");
        if (s == null) {
            throw new TaskValidationException("body", "is required");
        }
        Instant now = now();
        throwIfAny(checks.of(fields(tenantId, s), now));
        boolean paused = Boolean.TRUE.equals(s.paused());
        Schedule row = new Schedule(
                TaskIds.next(now.toEpochMilli()),
                tenantId,
                s.name(),
                s.description(),
                s.cron() == null ? null : s.cron().strip(),
                s.cron() == null ? null : zoneOrUtc(s.timeZone()),
                s.intervalSeconds(),
                s.target(),
                paused,
                policy(s.misfirePolicy()),
                s.misfireLimit() == null ? ScheduleLimits.DEFAULT_MISFIRE_LIMIT : s.misfireLimit(),
                now,
                null,
                now,
                now);
        return store.scheduleInsert(withNextFire(row, now));
    }

    /** The undeleted schedule with this id or name. */
    public Optional<Schedule> get(String ref) {
        return get(client.defaults().tenantId(), ref);
    }

    /** The undeleted schedule of {@code tenantId} with this id or name. */
    public Optional<Schedule> get(String tenantId, String ref) {
        if (ref == null || ref.isEmpty()) {
            return Optional.empty();
        }
        if (TaskIds.isValid(ref)) {
            return store.scheduleGet(ref.toLowerCase(Locale.ROOT))
                    .filter(s -> s.tenantId().equals(tenantId));
        }
        return store.scheduleGetByName(tenantId, ref);
    }

    /**
     * A page of schedules by name.
     *
     * @throws InvalidCursorException when the cursor is not one this service handed out
     */
    public SchedulePage list(Integer limit, String cursor) {
        return list(client.defaults().tenantId(), limit, cursor);
    }

    /** A page of the schedules of {@code tenantId} by name. */
    public SchedulePage list(String tenantId, Integer limit, String cursor) {
        int max = limit(limit);
        List<Schedule> rows = store.scheduleList(tenantId, cursor == null ? null : decodeName(cursor), max + 1);
        if (rows.size() <= max) {
            return new SchedulePage(rows, null);
        }
        List<Schedule> page = rows.subList(0, max);
        return new SchedulePage(page, encode(page.getLast().name()));
    }

    /**
     * Changes the given fields. A change of cron, zone or interval takes effect from now: slots of
     * the new timing that lie before the change are not owed.
     *
     * @return the schedule after the change, or empty when there is none with this reference
     * @throws TaskValidationException when the result would be invalid; nothing is written
     */
    public Optional<Schedule> update(String ref, SchedulePatch p) {
        return update(client.defaults().tenantId(), ref, p);
    }

    /** {@link #update(String, SchedulePatch)} of a schedule of {@code tenantId}. */
    public Optional<Schedule> update(String tenantId, String ref, SchedulePatch p) {
        Optional<Schedule> found = get(tenantId, ref);
        if (found.isEmpty() || p == null || p.isEmpty()) {
            return found;
        }
        Schedule s = found.get();
        boolean timing = p.cron() != null || p.intervalSeconds() != null || p.timeZone() != null;
        String cron = p.cron() != null ? p.cron() : p.intervalSeconds() != null ? null : s.cron();
        Integer interval =
                p.intervalSeconds() != null ? p.intervalSeconds() : p.cron() != null ? null : s.intervalSeconds();
        String zone = cron == null ? p.timeZone() : p.timeZone() != null ? p.timeZone() : s.timeZone();
        NewSchedule merged = new NewSchedule(
                p.name() != null ? p.name() : s.name(),
                p.description() != null ? p.description() : s.description(),
                cron,
                zone,
                interval,
                p.target() != null ? p.target() : s.target(),
                s.paused(),
                p.misfirePolicy() != null
                        ? p.misfirePolicy()
                        : s.misfirePolicy().name(),
                p.misfireLimit() != null ? p.misfireLimit() : s.misfireLimit());
        return write(s, merged, timing);
    }

    /**
     * Replaces every field ({@code PUT}); {@code paused} stays as it is when not given.
     *
     * @return the schedule after the change, or empty when there is none with this reference
     * @throws TaskValidationException when the result would be invalid; nothing is written
     */
    public Optional<Schedule> replace(String ref, NewSchedule n) {
        return replace(client.defaults().tenantId(), ref, n);
    }

    /** {@link #replace(String, NewSchedule)} of a schedule of {@code tenantId}. */
    public Optional<Schedule> replace(String tenantId, String ref, NewSchedule n) {
        if (n == null) {
            throw new TaskValidationException("body", "is required");
        }
        Optional<Schedule> found = get(tenantId, ref);
        if (found.isEmpty()) {
            return found;
        }
        Schedule s = found.get();
        boolean timing = !Objects.equals(n.cron() == null ? null : n.cron().strip(), s.cron())
                || !Objects.equals(n.cron() == null ? null : zoneOrUtc(n.timeZone()), s.timeZone())
                || !Objects.equals(n.intervalSeconds(), s.intervalSeconds());
        NewSchedule merged = new NewSchedule(
                n.name(),
                n.description(),
                n.cron(),
                n.timeZone(),
                n.intervalSeconds(),
                n.target(),
                n.paused() == null ? s.paused() : n.paused(),
                n.misfirePolicy(),
                n.misfireLimit());
        return write(s, merged, timing);
    }

    private Optional<Schedule> write(Schedule s, NewSchedule n, boolean timingChanged) {
        Instant now = now();
        throwIfAny(checks.of(fields(s.tenantId(), n), now));
        boolean paused = Boolean.TRUE.equals(n.paused());
        Schedule row = new Schedule(
                s.id(),
                s.tenantId(),
                n.name(),
                n.description(),
                n.cron() == null ? null : n.cron().strip(),
                n.cron() == null ? null : zoneOrUtc(n.timeZone()),
                n.intervalSeconds(),
                n.target(),
                paused,
                policy(n.misfirePolicy()),
                n.misfireLimit() == null ? ScheduleLimits.DEFAULT_MISFIRE_LIMIT : n.misfireLimit(),
                // A new timing starts now; resuming (PUT with paused false) too.
                timingChanged || (s.paused() && !paused) ? now : s.firedUpTo(),
                null,
                s.createdAt(),
                now);
        return store.scheduleUpdate(withNextFire(row, now));
    }

    /** Soft-deletes; its fires stay. Empty when there is none with this reference. */
    public Optional<Schedule> delete(String ref) {
        return delete(client.defaults().tenantId(), ref);
    }

    public Optional<Schedule> delete(String tenantId, String ref) {
        return get(tenantId, ref).flatMap(s -> store.scheduleDelete(s.id(), now()));
    }

    /** Stops the fires until {@link #resume}. Empty when there is none with this reference. */
    public Optional<Schedule> pause(String ref) {
        return pause(client.defaults().tenantId(), ref);
    }

    public Optional<Schedule> pause(String tenantId, String ref) {
        return get(tenantId, ref).flatMap(s -> {
            if (s.paused()) {
                return Optional.of(s);
            }
            Instant now = now();
            return store.scheduleUpdate(s.withState(true, s.firedUpTo(), null, now));
        });
    }

    /**
     * Fires again from now on; slots that passed while paused are not owed. Empty when there is
     * none with this reference.
     */
    public Optional<Schedule> resume(String ref) {
        return resume(client.defaults().tenantId(), ref);
    }

    public Optional<Schedule> resume(String tenantId, String ref) {
        return get(tenantId, ref).flatMap(s -> {
            if (!s.paused()) {
                return Optional.of(s);
            }
            Instant now = now();
            return store.scheduleUpdate(withNextFire(s.withState(false, now, null, now), now));
        });
    }

    /**
     * Fires the schedule once now, on this node, paused or not: what it creates is stored with a
     * fire of no slot, which does not change when it fires next.
     *
     * @return the fire (its outcome says whether something was created), or empty when there is
     *     no such schedule
     */
    public Optional<ScheduleFire> trigger(String ref) {
        return trigger(client.defaults().tenantId(), ref);
    }

    /** Fires a schedule of {@code tenantId} now; what it creates is the tenant's. */
    public Optional<ScheduleFire> trigger(String tenantId, String ref) {
        return get(tenantId, ref)
                .flatMap(s ->
                        store.scheduleFire(maker.make(s, null, now(), null)).fire());
    }

    /**
     * A page of the schedule's fires, newest first; empty when there is no such schedule.
     *
     * @throws InvalidCursorException when the cursor is not one this service handed out
     */
    public Optional<FirePage> fires(String ref, Integer limit, String cursor) {
        return fires(client.defaults().tenantId(), ref, limit, cursor);
    }

    /** The fires of a schedule of {@code tenantId}; empty for a schedule of any other tenant. */
    public Optional<FirePage> fires(String tenantId, String ref, Integer limit, String cursor) {
        int max = limit(limit);
        Long before = cursor == null ? null : decodeId(cursor);
        return get(tenantId, ref).map(s -> {
            List<ScheduleFire> rows = store.scheduleFireList(s.id(), before, max + 1);
            if (rows.size() <= max) {
                return new FirePage(rows, null);
            }
            List<ScheduleFire> page = rows.subList(0, max);
            return new FirePage(page, encode(Long.toString(page.getLast().id())));
        });
    }

    /**
     * The next {@code n} slots of a schedule from now on (or from its {@code firedUpTo}, if later),
     * paused or not; fewer when its cron has fewer left.
     */
    public List<Instant> nextFireTimes(Schedule s, int n) {
        ScheduleTrigger trigger = s.trigger();
        Instant now = now();
        Instant from = s.firedUpTo().isAfter(now) ? s.firedUpTo() : now;
        List<Instant> times = new ArrayList<>(n);
        Optional<Instant> t = trigger.nextAfter(from);
        while (t.isPresent() && times.size() < n) {
            times.add(t.get());
            t = trigger.nextAfter(t.get());
        }
        return times;
    }

    private static Schedule withNextFire(Schedule s, Instant now) {
        if (s.paused()) {
            return s.withState(true, s.firedUpTo(), null, s.updatedAt());
        }
        Instant from = s.firedUpTo().isAfter(now) ? s.firedUpTo() : now;
        Instant next = s.trigger().nextAfter(from).orElse(null);
        return s.withState(false, s.firedUpTo(), next, s.updatedAt());
    }

    private static ScheduleChecks.Fields fields(String tenantId, NewSchedule s) {
        return new ScheduleChecks.Fields(
                tenantId,
                s.name(),
                s.description(),
                s.cron(),
                s.timeZone(),
                s.intervalSeconds(),
                s.target(),
                s.misfirePolicy(),
                s.misfireLimit());
    }

    private static MisfirePolicy policy(String name) {
        return name == null ? MisfirePolicy.FIRE_ONCE : MisfirePolicy.valueOf(name);
    }

    private static String zoneOrUtc(String zone) {
        return zone == null ? "UTC" : zone;
    }

    private static int limit(Integer limit) {
        int max = limit == null ? ScheduleLimits.DEFAULT_LIST_LIMIT : limit;
        if (max < 1 || max > ScheduleLimits.MAX_LIST_LIMIT) {
            throw new TaskValidationException("limit", "must be between 1 and " + ScheduleLimits.MAX_LIST_LIMIT);
        }
        return max;
    }

    private static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new TaskValidationException(errors);
        }
    }

    private static String encode(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            String v = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!v.isEmpty() && v.length() <= ScheduleLimits.MAX_NAME_CHARS) {
                return v;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the rejection below
        }
        throw new InvalidCursorException("not a cursor of this list");
    }

    private static String decodeName(String cursor) {
        return decode(cursor);
    }

    private static Long decodeId(String cursor) {
        try {
            return Long.parseLong(decode(cursor));
        } catch (NumberFormatException e) {
            throw new InvalidCursorException("not a cursor of this list");
        }
    }

    private Instant now() {
        return Millis.now(clock);
    }
}
