package io.taskforge.pipeline;

import io.taskforge.client.FieldError;
import io.taskforge.client.TaskDefaults;
import io.taskforge.client.TaskValidationException;
import io.taskforge.json.JsonCodec;
import io.taskforge.store.InvalidCursorException;
import io.taskforge.task.Task;
import io.taskforge.task.TaskIds;
import io.taskforge.task.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Pipelines: what the REST API, the CLI and embedding applications call. Definitions are checked
 * by {@link PipelineValidator} before they are stored; a run becomes its step tasks, created with
 * the run and advanced by the store.
 *
 * <p>Pipelines are addressed by a <em>reference</em>: their id or their name. The two cannot be
 * confused, because names shaped like ids are refused.
 *
 * <p>Thread-safe; one instance serves a whole process.
 */
public final class PipelineService {
    public static final int DEFAULT_LIST_LIMIT = 50;
    public static final int MAX_LIST_LIMIT = 500;

    private final PipelineStore store;
    private final JsonCodec json;
    private final Clock clock;
    private final TaskDefaults defaults;
    private final Supplier<Set<String>> knownTypes;

    /**
     * @param knownTypes the task types a step may name; a supplier returning null accepts any
     */
    public PipelineService(
            PipelineStore store, JsonCodec json, Clock clock, TaskDefaults defaults, Supplier<Set<String>> knownTypes) {
        this.store = Objects.requireNonNull(store, "store");
        this.json = Objects.requireNonNull(json, "json");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.knownTypes = Objects.requireNonNull(knownTypes, "knownTypes");
    }

    /** Parses a definition written in YAML or JSON (by {@code yaml}) and saves it. */
    public Pipeline save(String text, boolean yaml) {
        return save(defaults.tenantId(), text, yaml);
    }

    /** {@link #save(String, boolean)} in {@code tenantId}. */
    public Pipeline save(String tenantId, String text, boolean yaml) {
        if (text == null || text.isBlank()) {
            throw new TaskValidationException("body", "is empty");
        }
        return save(tenantId, yaml ? PipelineParser.fromYaml(text) : PipelineParser.fromJson(text, json));
    }

    /**
     * Saves a definition as the next version of the pipeline with its name, or as version 1.
     *
     * @throws TaskValidationException with one error per problem; nothing is stored
     */
    public Pipeline save(PipelineDefinition definition) {
        return save(defaults.tenantId(), definition);
    }

    /** {@link #save(PipelineDefinition)} in {@code tenantId}: the version follows the tenant's pipeline of that name. */
    public Pipeline save(String tenantId, PipelineDefinition definition) {
        Objects.requireNonNull(tenantId, "tenantId");
        List<FieldError> errors = new ArrayList<>(PipelineValidator.validate(definition, knownTypes.get()));
        if (definition.name() != null && TaskIds.isValid(definition.name())) {
            errors.add(new FieldError("name", "must not look like an id"));
        }
        if (errors.isEmpty()
                && json.write(PipelineParser.toTree(definition)).getBytes(StandardCharsets.UTF_8).length
                        > defaults.maxPayloadBytes()) {
            errors.add(
                    new FieldError("body", "the definition is larger than " + defaults.maxPayloadBytes() + " bytes"));
        }
        if (!errors.isEmpty()) {
            throw new TaskValidationException(errors);
        }
        Instant now = now();
        return store.pipelineSave(tenantId, TaskIds.next(now.toEpochMilli()), definition, now);
    }

    /** The latest version of the pipeline with this id or name. */
    public Optional<Pipeline> get(String ref) {
        return get(defaults.tenantId(), ref);
    }

    /** The latest version of the pipeline of {@code tenantId} with this id or name. */
    public Optional<Pipeline> get(String tenantId, String ref) {
        if (ref == null || ref.isEmpty()) {
            return Optional.empty();
        }
        if (TaskIds.isValid(ref)) {
            return store.pipelineGet(ref.toLowerCase(Locale.ROOT), null)
                    .filter(p -> p.tenantId().equals(tenantId));
        }
        return store.pipelineGetByName(tenantId, ref);
    }

    /** One version of the pipeline with this id or name. */
    public Optional<Pipeline> get(String ref, int version) {
        return get(defaults.tenantId(), ref, version);
    }

    /** One version of the pipeline of {@code tenantId} with this id or name. */
    public Optional<Pipeline> get(String tenantId, String ref, int version) {
        return get(tenantId, ref).flatMap(p -> store.pipelineGet(p.id(), version));
    }

    public List<PipelineVersionSummary> versions(String ref) {
        return versions(defaults.tenantId(), ref);
    }

    public List<PipelineVersionSummary> versions(String tenantId, String ref) {
        return get(tenantId, ref).map(p -> store.pipelineVersionList(p.id())).orElse(List.of());
    }

    /**
     * A page of pipelines by name.
     *
     * @throws InvalidCursorException for a cursor this service did not hand out
     */
    public PipelinePage list(Integer limit, String cursor) {
        return list(defaults.tenantId(), limit, cursor);
    }

    /** A page of the pipelines of {@code tenantId} by name. */
    public PipelinePage list(String tenantId, Integer limit, String cursor) {
        int max = limit(limit);
        String after = cursor == null ? null : decode(cursor, "n")[0];
        List<Pipeline> rows = store.pipelineList(tenantId, after, max + 1);
        if (rows.size() <= max) {
            return new PipelinePage(rows, null);
        }
        List<Pipeline> page = rows.subList(0, max);
        return new PipelinePage(page, encode("n", page.getLast().name()));
    }

    /**
     * Starts a run of the latest version of a pipeline.
     *
     * @param params values for {@code ${params...}}; they override the definition's defaults
     * @return the run, or empty when there is no such pipeline
     * @throws TaskValidationException when the parameters are too large
     */
    public Optional<PipelineRun> run(String ref, Map<String, Object> params, String actor) {
        return run(ref, params, actor, null);
    }

    /**
     * Like {@link #run(String, Map, String)}; a second call with the same {@code idempotencyKey}
     * starts nothing and returns the first run (a schedule's fire repeated after a leader change).
     */
    public Optional<PipelineRun> run(String ref, Map<String, Object> params, String actor, String idempotencyKey) {
        return run(defaults.tenantId(), ref, params, actor, idempotencyKey);
    }

    /**
     * Starts a run of a pipeline of {@code tenantId}; the run and its step tasks are the tenant's.
     * Empty when the tenant has no such pipeline.
     */
    public Optional<PipelineRun> run(
            String tenantId, String ref, Map<String, Object> params, String actor, String idempotencyKey) {
        Optional<Pipeline> found = get(tenantId, ref);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Pipeline p = found.get();
        Map<String, Object> merged = new LinkedHashMap<>(p.definition().params());
        if (params != null) {
            merged.putAll(params);
        }
        String paramsJson = json.write(merged);
        if (paramsJson.getBytes(StandardCharsets.UTF_8).length > defaults.maxPayloadBytes()) {
            throw new TaskValidationException("params", "larger than " + defaults.maxPayloadBytes() + " bytes");
        }
        Instant now = now();
        String runId = TaskIds.next(now.toEpochMilli());
        PipelineRun run = new PipelineRun(
                runId, p.tenantId(), p.id(), p.name(), p.version(), RunStatus.RUNNING, merged, null, now, now, null);
        List<Task> tasks = new ArrayList<>();
        for (RunPlan.Node n : RunPlan.nodes(p.definition(), merged)) {
            tasks.add(task(p, runId, n, now, actor));
        }
        return Optional.of(store.pipelineRunInsert(run, tasks, idempotencyKey));
    }

    private Task task(Pipeline p, String runId, RunPlan.Node n, Instant now, String actor) {
        StepDefinition s = n.step();
        return new Task(
                TaskIds.next(now.toEpochMilli()),
                p.tenantId(),
                s.type(),
                s.title() != null ? s.title() : p.name() + " / " + n.node(),
                null,
                s.payload() == null ? null : json.write(s.payload()),
                s.queue() != null ? s.queue() : defaults.queue(),
                s.priority() != null ? s.priority() : defaults.priority(),
                TaskStatus.PENDING,
                List.of(),
                0,
                s.maxAttempts() != null ? s.maxAttempts() : defaults.maxAttempts(),
                s.timeoutSeconds() != null ? s.timeoutSeconds() : defaults.timeoutSeconds(),
                now,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                actor,
                runId,
                n.node(),
                null,
                false,
                now,
                now,
                null,
                null);
    }

    public Optional<PipelineRunDetail> getRun(String id) {
        return getRun(defaults.tenantId(), id);
    }

    /** A run of {@code tenantId}; empty for a run of any other tenant. */
    public Optional<PipelineRunDetail> getRun(String tenantId, String id) {
        return runId(id)
                .flatMap(store::pipelineRunGet)
                .filter(r -> r.run().tenantId().equals(tenantId));
    }

    /**
     * A page of runs, newest first.
     *
     * @param pipelineRef only the runs of this pipeline (id or name) when not null
     * @throws InvalidCursorException for a cursor this service did not hand out
     */
    public PipelineRunPage listRuns(String pipelineRef, RunStatus status, Integer limit, String cursor) {
        return listRuns(defaults.tenantId(), pipelineRef, status, limit, cursor);
    }

    /** A page of the runs of {@code tenantId}, newest first. */
    public PipelineRunPage listRuns(
            String tenantId, String pipelineRef, RunStatus status, Integer limit, String cursor) {
        int max = limit(limit);
        String pipelineId = null;
        if (pipelineRef != null) {
            Optional<Pipeline> p = get(tenantId, pipelineRef);
            if (p.isEmpty()) {
                return new PipelineRunPage(List.of(), null);
            }
            pipelineId = p.get().id();
        }
        Instant afterAt = null;
        String afterId = null;
        if (cursor != null) {
            String[] parts = decode(cursor, "r");
            try {
                afterAt = Instant.ofEpochMilli(Long.parseLong(parts[0]));
            } catch (NumberFormatException e) {
                throw new InvalidCursorException("not a cursor of this list");
            }
            afterId = parts.length > 1 ? parts[1] : null;
            if (afterId == null || !TaskIds.isValid(afterId)) {
                throw new InvalidCursorException("not a cursor of this list");
            }
        }
        List<PipelineRun> rows =
                store.pipelineRunList(new PipelineRunQuery(tenantId, pipelineId, status, afterAt, afterId, max + 1));
        if (rows.size() <= max) {
            return new PipelineRunPage(rows, null);
        }
        List<PipelineRun> page = rows.subList(0, max);
        PipelineRun last = page.getLast();
        return new PipelineRunPage(page, encode("r", last.createdAt().toEpochMilli() + "\n" + last.id()));
    }

    public Optional<PipelineRun> cancelRun(String id, String actor) {
        return cancelRun(defaults.tenantId(), id, actor);
    }

    /** Cancels a run of {@code tenantId}; empty for a run of any other tenant (a run never changes tenant). */
    public Optional<PipelineRun> cancelRun(String tenantId, String id, String actor) {
        return getRun(tenantId, id).flatMap(r -> store.pipelineRunCancel(r.run().id(), now(), actor));
    }

    public Optional<PipelineRun> retryRun(String id, String actor) {
        return retryRun(defaults.tenantId(), id, actor);
    }

    /** Retries a run of {@code tenantId}; empty for a run of any other tenant. */
    public Optional<PipelineRun> retryRun(String tenantId, String id, String actor) {
        return getRun(tenantId, id).flatMap(r -> store.pipelineRunRetry(r.run().id(), now(), actor));
    }

    private static Optional<String> runId(String id) {
        return id != null && TaskIds.isValid(id) ? Optional.of(id.toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    private static int limit(Integer limit) {
        int max = limit == null ? DEFAULT_LIST_LIMIT : limit;
        if (max < 1 || max > MAX_LIST_LIMIT) {
            throw new TaskValidationException("limit", "must be between 1 and " + MAX_LIST_LIMIT);
        }
        return max;
    }

    private static String encode(String kind, String body) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((kind + "\n" + body).getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decode(String cursor, String kind) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException("not a cursor of this list");
        }
        if (!text.startsWith(kind + "\n")) {
            throw new InvalidCursorException("not a cursor of this list");
        }
        return text.substring(kind.length() + 1).split("\n", -1);
    }

    private Instant now() {
        return clock.instant();
    }
}
