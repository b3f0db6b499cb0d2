package io.taskforge.store.jdbc;

import io.taskforge.jdbc.JdbcRunner;
import io.taskforge.json.JsonCodec;
import io.taskforge.json.jackson.JacksonJsonCodec;
import io.taskforge.pipeline.PipelineDecider;
import io.taskforge.pipeline.PipelineDecision;
import io.taskforge.pipeline.PipelineDefinition;
import io.taskforge.pipeline.PipelineParser;
import io.taskforge.pipeline.RunSnapshot;
import io.taskforge.pipeline.RunStatus;
import io.taskforge.pipeline.StepMarks;
import io.taskforge.pipeline.StepTask;
import io.taskforge.store.jdbc.dialect.Dialect;
import io.taskforge.task.Task;
import io.taskforge.task.TaskError;
import io.taskforge.task.TaskEvent;
import io.taskforge.task.TaskEventType;
import io.taskforge.task.TaskIds;
import io.taskforge.task.TaskStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves pipeline runs forward inside the transaction that finished one of their tasks: the hook
 * that task writes call ({@link Outcomes}, {@link TaskCommands}, {@link Maintenance}) with the
 * runs of the tasks they finished. Only tasks with a {@code pipeline_run_id} lead here, so work
 * that is not part of a pipeline never pays for it.
 *
 * <p>Per run: lock the run row (two transactions finishing two branches of one run take turns,
 * and the second sees the first's result, so a join step is never left waiting), read its tasks,
 * ask {@link PipelineDecider}, apply the decision with updates guarded by the state the decision
 * was made on, and ask again until nothing changes: a fan-out is expanded in one round and its
 * first items start in the next. Runs are locked in id order so that two transactions advancing
 * the same runs cannot deadlock on them.
 */
final class PipelineAdvance {
    private static final Logger log = LoggerFactory.getLogger(PipelineAdvance.class);
    /** Rounds per advance; each round changes at least one task, and a run has bounded tasks. */
    private static final int MAX_ROUNDS = 1_000;

    private static final int MAX_CACHED_DEFINITIONS = 256;

    private final StoreDb db;
    private final Dialect d;
    private final TaskRows rows;
    private final Events events;
    private final TaskInserts inserts;
    private final JsonCodec json = new JacksonJsonCodec();
    /** Versions never change, so a parsed definition is good forever. */
    private final Map<String, PipelineDefinition> definitions = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PipelineDefinition> eldest) {
            return size() > MAX_CACHED_DEFINITIONS;
        }
    };

    PipelineAdvance(StoreDb db, TaskRows rows, Events events, TaskInserts inserts) {
        this.db = db;
        this.d = db.dialect();
        this.rows = rows;
        this.events = events;
        this.inserts = inserts;
    }

    JsonCodec json() {
        return json;
    }

    /**
     * Advances every run in {@code runIds} (nulls are ignored). A run that cannot be advanced
     * because of a fault of its own (a definition that no longer reads, a bug) is rolled back to a
     * savepoint and logged: the task outcomes of the transaction, often of unrelated tasks in the
     * same batch, still commit. Database errors concern the whole transaction and propagate.
     */
    void advance(Connection c, TxScope scope, Collection<String> runIds, Instant now) throws SQLException {
        if (runIds.isEmpty()) {
            return;
        }
        TreeSet<String> ids = new TreeSet<>();
        for (String id : runIds) {
            if (id != null && TaskIds.isValid(id)) {
                ids.add(id);
            }
        }
        for (String id : ids) {
            Savepoint before = c.setSavepoint();
            try {
                advanceOne(c, scope, id, now);
                c.releaseSavepoint(before);
            } catch (RuntimeException e) {
                c.rollback(before);
                log.error("pipeline run {} could not advance; the outcomes that finished its steps are kept", id, e);
            }
        }
    }

    /** A run row as this class needs it. */
    record RunRow(String id, String pipelineId, int version, RunStatus status, String params, String error) {}

    Optional<RunRow> lockRun(Connection c, String runId) throws SQLException {
        return JdbcRunner.queryFirst(
                c,
                "SELECT id, pipeline_id, pipeline_version, status, params, error FROM tf_pipeline_run WHERE id = ?"
                        + d.forUpdate(),
                db.args().id(runId),
                rs -> new RunRow(
                        d.readId(rs, "id"),
                        d.readId(rs, "pipeline_id"),
                        rs.getInt("pipeline_version"),
                        RunStatus.valueOf(rs.getString("status")),
                        d.readJson(rs, "params"),
                        rs.getString("error")));
    }

    void advanceOne(Connection c, TxScope scope, String runId, Instant now) throws SQLException {
        Optional<RunRow> found = lockRun(c, runId);
        if (found.isEmpty()) {
            return;
        }
        RunRow run = found.get();
        PipelineDefinition def = definition(c, run.pipelineId(), run.version());
        @SuppressWarnings("unchecked")
        Map<String, Object> params = json.read(run.params(), Map.class);
        PipelineDecision decision = null;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<StepRow> tasks = tasks(c, runId);
            decision = PipelineDecider.decide(
                    def,
                    new RunSnapshot(
                            run.status(),
                            params,
                            tasks.stream().map(StepRow::step).toList()));
            if (!decision.changesTasks()) {
                break;
            }
            apply(c, scope, decision, tasks, now);
        }
        if (decision != null
                && (decision.status() != run.status() || !java.util.Objects.equals(decision.error(), run.error()))) {
            JdbcRunner.update(
                    c,
                    "UPDATE tf_pipeline_run SET status = ?, error = ?, updated_at = ?, finished_at = ? WHERE id = ?",
                    db.args()
                            .text(decision.status().name())
                            .text(decision.error())
                            .instant(now)
                            .instant(decision.status().isFinished() ? now : null)
                            .id(runId));
        }
    }

    PipelineDefinition definition(Connection c, String pipelineId, int version) throws SQLException {
        String key = pipelineId + "@" + version;
        synchronized (definitions) {
            PipelineDefinition cached = definitions.get(key);
            if (cached != null) {
                return cached;
            }
        }
        String text = JdbcRunner.queryFirst(
                        c,
                        "SELECT definition FROM tf_pipeline WHERE id = ? AND version = ?",
                        db.args().id(pipelineId).integer(version),
                        rs -> d.readJson(rs, "definition"))
                .orElseThrow(() -> new IllegalStateException("pipeline " + key + " is missing"));
        PipelineDefinition def = PipelineParser.fromTree(json.read(text, Object.class));
        synchronized (definitions) {
            definitions.put(key, def);
        }
        return def;
    }

    /** A task of a run: what the decider sees, and what applying a decision needs. */
    record StepRow(StepTask step, String queue, int attempt) {}

    /**
     * A deleted task that had not finished counts as cancelled: nobody will run it, and the run
     * must not wait for it.
     */
    List<StepRow> tasks(Connection c, String runId) throws SQLException {
        return JdbcRunner.query(
                c,
                "SELECT id, node, status, queue, attempt, result, error, deleted_at FROM tf_task"
                        + " WHERE pipeline_run_id = ?",
                db.args().text(runId),
                rs -> {
                    TaskStatus status = TaskStatus.valueOf(rs.getString("status"));
                    if (d.readInstant(rs, "deleted_at") != null && !status.isFinished()) {
                        status = TaskStatus.CANCELLED;
                    }
                    String result = d.readJson(rs, "result");
                    return new StepRow(
                            new StepTask(
                                    d.readId(rs, "id"),
                                    rs.getString("node"),
                                    status,
                                    result == null ? null : json.read(result, Object.class),
                                    ErrorJson.read(d.readJson(rs, "error"))),
                            rs.getString("queue"),
                            rs.getInt("attempt"));
                });
    }

    private void apply(Connection c, TxScope scope, PipelineDecision decision, List<StepRow> tasks, Instant now)
            throws SQLException {
        Map<String, StepRow> byId = new LinkedHashMap<>();
        for (StepRow r : tasks) {
            byId.put(r.step().taskId(), r);
        }
        List<TaskEvent> appended = new ArrayList<>();
        for (PipelineDecision.Expand e : decision.expand()) {
            expand(c, scope, e, now);
        }
        for (PipelineDecision.Start s : decision.start()) {
            StepRow r = byId.get(s.taskId());
            if (pendingUpdate(
                    c,
                    "status = 'QUEUED', payload = ?, run_at = ?, updated_at = ?",
                    db.args()
                            .json(s.payload() == null ? null : json.write(s.payload()))
                            .instant(now)
                            .instant(now),
                    s.taskId())) {
                appended.add(event(
                        s.taskId(), now, TaskEventType.QUEUED, TaskStatus.PENDING, TaskStatus.QUEUED, r, null, null));
                scope.queued(r.queue());
            }
        }
        for (PipelineDecision.Finish f : decision.finish()) {
            StepRow r = byId.get(f.taskId());
            if (pendingUpdate(
                    c,
                    "status = ?, error = ?, finished_at = ?, updated_at = ?",
                    db.args()
                            .text(f.to().name())
                            .json(ErrorJson.write(f.error()))
                            .instant(now)
                            .instant(now),
                    f.taskId())) {
                appended.add(event(
                        f.taskId(),
                        now,
                        f.to() == TaskStatus.FAILED ? TaskEventType.FAILED : TaskEventType.CANCELLED,
                        TaskStatus.PENDING,
                        f.to(),
                        r,
                        f.error().message(),
                        f.error()));
            }
        }
        for (String id : decision.cancel()) {
            cancel(c, scope, byId.get(id), now, appended);
        }
        events.append(c, appended);
    }

    private boolean pendingUpdate(Connection c, String assignments, Args args, String taskId) throws SQLException {
        int changed = JdbcRunner.update(
                c,
                "UPDATE tf_task SET " + assignments + " WHERE id = ? AND status = 'PENDING' AND deleted_at IS NULL",
                args.id(taskId));
        if (changed > 1) {
            throw new IllegalStateException("a guarded update of task " + taskId + " changed " + changed + " rows");
        }
        return changed == 1;
    }

    /** Waiting tasks are cancelled at once; a running one's worker is asked to stop. */
    private void cancel(Connection c, TxScope scope, StepRow r, Instant now, List<TaskEvent> appended)
            throws SQLException {
        TaskStatus status = r.step().status();
        String id = r.step().taskId();
        if (status.isWaiting()) {
            int changed = JdbcRunner.update(
                    c,
                    "UPDATE tf_task SET status = 'CANCELLED', lease_until = NULL, finished_at = ?, updated_at = ?"
                            + " WHERE id = ? AND status = ? AND deleted_at IS NULL",
                    db.args().instant(now).instant(now).id(id).text(status.name()));
            if (changed == 1) {
                appended.add(event(
                        id,
                        now,
                        TaskEventType.CANCELLED,
                        status,
                        TaskStatus.CANCELLED,
                        r,
                        "the pipeline run ended",
                        null));
            }
        } else if (status == TaskStatus.RUNNING) {
            int changed = JdbcRunner.update(
                    c,
                    "UPDATE tf_task SET cancel_requested = TRUE, updated_at = ?"
                            + " WHERE id = ? AND status = 'RUNNING' AND cancel_requested = FALSE AND deleted_at IS NULL",
                    db.args().instant(now).id(id));
            if (changed == 1) {
                appended.add(
                        event(id, now, TaskEventType.CANCEL_REQUESTED, null, null, r, "the pipeline run ended", null));
                scope.cancelRequested(id);
            }
        }
    }

    /** The placeholder becomes item 0; the other items are new PENDING tasks like it. */
    private void expand(Connection c, TxScope scope, PipelineDecision.Expand e, Instant now) throws SQLException {
        Optional<Task> found = rows.find(c, e.placeholderTaskId(), true);
        if (found.isEmpty() || found.get().status() != TaskStatus.PENDING) {
            return;
        }
        Task p = found.get();
        String title0 = retitle(p, StepTask.node(e.stepId(), 0));
        pendingUpdate(
                c,
                "node = ?, title = ?, payload = ?, updated_at = ?",
                db.args()
                        .text(StepTask.node(e.stepId(), 0))
                        .text(title0)
                        .json(json.write(e.payloads().getFirst()))
                        .instant(now),
                p.id());
        List<Task> items = new ArrayList<>(e.payloads().size() - 1);
        for (int i = 1; i < e.payloads().size(); i++) {
            String node = StepTask.node(e.stepId(), i);
            items.add(new Task(
                    TaskIds.next(now.toEpochMilli()),
                    p.tenantId(),
                    p.type(),
                    retitle(p, node),
                    p.description(),
                    json.write(e.payloads().get(i)),
                    p.queue(),
                    p.priority(),
                    TaskStatus.PENDING,
                    p.tags(),
                    0,
                    p.maxAttempts(),
                    p.timeoutSeconds(),
                    now,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    p.owner(),
                    p.pipelineRunId(),
                    node,
                    p.traceParent(),
                    false,
                    now,
                    now,
                    null,
                    null));
        }
        if (!items.isEmpty()) {
            inserts.insertWithin(c, scope, items);
        }
    }

    /** A title that ends with the placeholder's node names the item instead. */
    private static String retitle(Task p, String node) {
        String title = p.title();
        if (title != null && title.endsWith(" / " + p.node())) {
            return title.substring(0, title.length() - p.node().length()) + node;
        }
        return title;
    }

    private static TaskEvent event(
            String id,
            Instant now,
            TaskEventType type,
            TaskStatus from,
            TaskStatus to,
            StepRow r,
            String message,
            TaskError error) {
        return new TaskEvent(id, now, type, from, to, r == null ? 0 : r.attempt(), message, error, Actors.SYSTEM);
    }

    /** Whether a CANCELLED task's error says the decider skipped it because of its condition. */
    static boolean keptOnRetry(TaskStatus status, TaskError error) {
        return status == TaskStatus.SUCCEEDED || (status == TaskStatus.CANCELLED && StepMarks.isConditionSkip(error));
    }
}
