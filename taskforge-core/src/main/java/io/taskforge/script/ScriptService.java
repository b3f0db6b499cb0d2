package io.taskforge.script;

import io.taskforge.client.FieldError;
import io.taskforge.client.PayloadTooLargeException;
import io.taskforge.client.TaskDefaults;
import io.taskforge.client.TaskValidationException;
import io.taskforge.client.TaskforgeClient;
import io.taskforge.json.JsonCodec;
import io.taskforge.store.Inserted;
import io.taskforge.store.InvalidCursorException;
import io.taskforge.task.NewTask;
import io.taskforge.task.TaskIds;
import io.taskforge.time.Millis;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Stored scripts: what the REST API, the CLI and embedding applications call. It checks every input
 * against {@link ScriptLimits} (and the parameter schema against JSON Schema 2020-12 through {@link
 * ParameterSchemas}) before the {@link ScriptStore} sees it, and turns a run into a task of type
 * {@value #TASK_TYPE}.
 *
 * <p>Scripts are addressed by a <em>reference</em>: their id, or their name. The two cannot be
 * confused, because names shaped like ids are refused.
 *
 * <p>A run pins the script's current version in the task's payload:
 *
 * <pre>{"scriptId": "…", "script": "nightly-report", "version": 3, "params": {"day": "2026-01-31"}}</pre>
 *
 * so the task runs that version even when the script changes or is deleted before a worker takes
 * it. The task goes to the script's queue with its timeout and attempts.
 *
 * <p>Every script belongs to one tenant. Each call names the tenant it acts in; a script of another
 * tenant is answered as a missing one, and its runs are tasks of the script's tenant. The forms
 * without a tenant act in {@link TaskDefaults#tenantId()}, for embedding applications with one.
 *
 * <p>Thread-safe; one instance serves a whole process.
 */
public final class ScriptService {
    /** The task type of script runs, served by {@code io.taskforge.handler.builtin.ScriptHandler}. */
    public static final String TASK_TYPE = "script";

    private final ScriptStore store;
    private final TaskforgeClient client;
    private final ParameterSchemas schemas;
    private final JsonCodec json;
    private final Clock clock;
    private final ScriptChecks checks;

    public ScriptService(
            ScriptStore store, TaskforgeClient client, ParameterSchemas schemas, JsonCodec json, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.client = Objects.requireNonNull(client, "client");
        this.schemas = Objects.requireNonNull(schemas, "schemas");
        this.json = Objects.requireNonNull(json, "json");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.checks = new ScriptChecks(schemas);
    }

    /**
     * Stores a new script as version 1.
     *
     * @throws TaskValidationException when a field is missing or out of bounds; nothing is written
     * @throws ScriptNameTakenException when an undeleted script has the name
     */
    public Script create(NewScript s) {
        return create(client.defaults().tenantId(), s);
    }

    /** {@link #create(NewScript)} in {@code tenantId}. */
    public Script create(String tenantId, NewScript s) {
        Objects.requireNonNull(tenantId, "tenantId");
        throwIfAny(checks.of(s));
        TaskDefaults defaults = client.defaults();
        Instant now = now();
        Script row = new Script(
                TaskIds.next(now.toEpochMilli()),
                tenantId,
                s.name(),
                s.description(),
                ScriptLanguage.ofWireName(s.language()).orElseThrow(),
                s.content(),
                s.parameters() == null ? ScriptLimits.ANY_OBJECT_SCHEMA : s.parameters(),
                s.queue() == null ? defaults.queue() : s.queue(),
                s.timeoutSeconds() == null ? defaults.timeoutSeconds() : s.timeoutSeconds(),
                s.maxAttempts() == null ? defaults.maxAttempts() : s.maxAttempts(),
                1,
                now,
                now);
        return store.scriptInsert(row);
    }

    /** The undeleted script with this id or name. */
    public Optional<Script> get(String ref) {
        return get(client.defaults().tenantId(), ref);
    }

    /** The undeleted script of {@code tenantId} with this id or name. */
    public Optional<Script> get(String tenantId, String ref) {
        if (ref == null || ref.isEmpty()) {
            return Optional.empty();
        }
        if (TaskIds.isValid(ref)) {
            return store.scriptGet(ref.toLowerCase(Locale.ROOT))
                    .filter(s -> s.tenantId().equals(tenantId));
        }
        return store.scriptGetByName(tenantId, ref);
    }

    /**
     * A page of scripts by name.
     *
     * @param limit 1..{@link ScriptLimits#MAX_LIST_LIMIT}; null for {@link ScriptLimits#DEFAULT_LIST_LIMIT}
     * @param cursor the {@code nextCursor} of the page before, or null for the first page
     * @throws InvalidCursorException when the cursor is not one this service handed out
     */
    public ScriptPage list(Integer limit, String cursor) {
        return list(client.defaults().tenantId(), limit, cursor);
    }

    /** {@link #list(Integer, String)} of the scripts of {@code tenantId}. */
    public ScriptPage list(String tenantId, Integer limit, String cursor) {
        int max = limit == null ? ScriptLimits.DEFAULT_LIST_LIMIT : limit;
        if (max < 1 || max > ScriptLimits.MAX_LIST_LIMIT) {
            throw new TaskValidationException("limit", "must be between 1 and " + ScriptLimits.MAX_LIST_LIMIT);
        }
        List<Script> rows = store.scriptList(tenantId, cursor == null ? null : decodeCursor(cursor), max + 1);
        if (rows.size() <= max) {
            return new ScriptPage(rows, null);
        }
        List<Script> page = rows.subList(0, max);
        return new ScriptPage(page, encodeCursor(page.getLast().name()));
    }

    /**
     * Changes a script. A change of language, content or parameters makes a new version; tasks
     * created before keep the version they were created with.
     *
     * @return the script after the change, or empty when there is none with this reference
     * @throws TaskValidationException when a field is out of bounds; nothing is written
     * @throws ScriptNameTakenException when the new name is held by another script
     */
    public Optional<Script> update(String ref, ScriptPatch patch) {
        return update(client.defaults().tenantId(), ref, patch);
    }

    /** {@link #update(String, ScriptPatch)} of a script of {@code tenantId}. */
    public Optional<Script> update(String tenantId, String ref, ScriptPatch patch) {
        throwIfAny(checks.of(patch));
        Optional<Script> current = get(tenantId, ref);
        if (current.isEmpty() || patch.isEmpty()) {
            return current;
        }
        return store.scriptUpdate(new ScriptUpdate(
                current.get().id(),
                patch.name(),
                patch.description(),
                patch.language() == null
                        ? null
                        : ScriptLanguage.ofWireName(patch.language()).orElseThrow(),
                patch.content(),
                patch.parameters(),
                patch.queue(),
                patch.timeoutSeconds(),
                patch.maxAttempts(),
                now()));
    }

    /**
     * Soft-deletes a script; its name is free again, and tasks already created from it still run.
     *
     * @return the script as it was, or empty when there is none with this reference
     */
    public Optional<Script> delete(String ref) {
        return delete(client.defaults().tenantId(), ref);
    }

    /** {@link #delete(String)} of a script of {@code tenantId}. */
    public Optional<Script> delete(String tenantId, String ref) {
        return get(tenantId, ref).flatMap(s -> store.scriptDelete(s.id(), now()));
    }

    /** The script's versions, oldest first; empty when there is no such script. */
    public Optional<List<ScriptVersionSummary>> versions(String ref) {
        return versions(client.defaults().tenantId(), ref);
    }

    /** The versions of a script of {@code tenantId}; empty when it has no such script. */
    public Optional<List<ScriptVersionSummary>> versions(String tenantId, String ref) {
        return get(tenantId, ref).map(s -> store.scriptVersionList(s.id()));
    }

    /** One version of an undeleted script; empty when there is no such script or version. */
    public Optional<ScriptVersion> version(String ref, int version) {
        return version(client.defaults().tenantId(), ref, version);
    }

    /** One version of a script of {@code tenantId}; empty when it has no such script or version. */
    public Optional<ScriptVersion> version(String tenantId, String ref, int version) {
        return get(tenantId, ref).flatMap(s -> store.scriptVersionGet(s.id(), version));
    }

    /**
     * Runs the script's current version once: checks the parameters against its schema, then
     * submits a task of type {@value #TASK_TYPE} pinned to that version.
     *
     * @return the task (or, for an idempotency key used before, the task it made then), or empty
     *     when there is no such script
     * @throws TaskValidationException when the parameters do not fit the schema (one error per
     *     field, named {@code params.<field>}) or a task field is out of bounds; no task is made
     * @throws PayloadTooLargeException when the parameters make the task's payload too large
     */
    public Optional<Inserted> run(String ref, ScriptRun run) {
        return run(client.defaults().tenantId(), ref, run);
    }

    /** Runs a script of {@code tenantId}; the task is the tenant's. */
    public Optional<Inserted> run(String tenantId, String ref, ScriptRun run) {
        return prepareRun(tenantId, ref, run)
                .map(task -> client.submitAll(tenantId, List.of(task), "").getFirst());
    }

    /**
     * Checks a run as {@link #run} does and makes the task it would submit, without submitting it:
     * for a schedule, which stores the task together with its fire.
     *
     * @return the task to submit, or empty when there is no such script
     * @throws TaskValidationException when the parameters do not fit the schema (one error per
     *     field, named {@code params.<field>})
     * @throws PayloadTooLargeException when the parameters make the task's payload too large
     */
    public Optional<NewTask> prepareRun(String ref, ScriptRun run) {
        return prepareRun(client.defaults().tenantId(), ref, run);
    }

    /** {@link #prepareRun(String, ScriptRun)} of a script of {@code tenantId}. */
    public Optional<NewTask> prepareRun(String tenantId, String ref, ScriptRun run) {
        Optional<Script> found = get(tenantId, ref);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Script script = found.get();
        String params = run.params() == null ? "{}" : run.params();
        if (!json.isValid(params) || !params.strip().startsWith("{")) {
            throw new TaskValidationException("params", "must be a JSON object");
        }
        throwIfAny(schemas.paramErrors(script.parameters(), params, "params"));

        String payload = "{\"scriptId\":" + json.write(script.id()) + ",\"script\":" + json.write(script.name())
                + ",\"version\":" + script.version() + ",\"params\":" + params + "}";
        long limit = client.defaults().maxPayloadBytes();
        long payloadBytes = ScriptChecks.utf8Length(payload);
        if (payloadBytes > limit) {
            long paramsBytes = params.getBytes(StandardCharsets.UTF_8).length;
            throw new PayloadTooLargeException("params", paramsBytes, limit - (payloadBytes - paramsBytes));
        }
        return Optional.of(NewTask.ofType(TASK_TYPE)
                .title(run.title() == null ? script.name() : run.title())
                .payload(payload)
                .queue(script.queue())
                .priority(run.priority())
                .tags(run.tags())
                .maxAttempts(script.maxAttempts())
                .timeoutSeconds(script.timeoutSeconds())
                .runAt(run.runAt())
                .idempotencyKey(run.idempotencyKey())
                .build());
    }

    private static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new TaskValidationException(errors);
        }
    }

    static String encodeCursor(String name) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(name.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeCursor(String cursor) {
        try {
            String name = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!name.isEmpty() && name.length() <= ScriptLimits.MAX_NAME_CHARS) {
                return name;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the rejection below
        }
        throw new InvalidCursorException("not a cursor of the script list");
    }

    private Instant now() {
        return Millis.now(clock);
    }
}
