package io.taskforge.store.jdbc;

import io.taskforge.jdbc.JdbcRunner;
import io.taskforge.jdbc.RowMapper;
import io.taskforge.json.JsonCodec;
import io.taskforge.pipeline.Pipeline;
import io.taskforge.pipeline.PipelineDefinition;
import io.taskforge.pipeline.PipelineParser;
import io.taskforge.pipeline.PipelineRun;
import io.taskforge.pipeline.PipelineRunDetail;
import io.taskforge.pipeline.PipelineRunQuery;
import io.taskforge.pipeline.PipelineRunStateException;
import io.taskforge.pipeline.PipelineStore;
import io.taskforge.pipeline.PipelineVersionSummary;
import io.taskforge.pipeline.RunStatus;
import io.taskforge.store.StoreException;
import io.taskforge.store.jdbc.dialect.Dialect;
import io.taskforge.task.Task;
import io.taskforge.task.TaskEvent;
import io.taskforge.task.TaskEventType;
import io.taskforge.task.TaskIds;
import io.taskforge.task.TaskStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link PipelineStore} over JDBC, sharing the {@link StoreDb} of the task store it was opened
 * from ({@link JdbcStores#pipelines}) and that store's {@link PipelineAdvance}, which also runs
 * when the task store finishes a step.
 */
final class JdbcPipelineStore implements PipelineStore {
    private static final String RUN_COLUMNS =
            "r.id, r.tenant_id, r.pipeline_id, r.pipeline_version, r.params, r.status,"
                    + " r.error, r.created_at, r.updated_at, r.finished_at, p.name";
    private static final String RUN_FROM =
            " FROM tf_pipeline_run r JOIN tf_pipeline p ON p.id = r.pipeline_id AND p.version = r.pipeline_version";
    /** The latest version of each pipeline. */
    private static final String LATEST =
            " FROM tf_pipeline p WHERE p.version =" + " (SELECT max(v.version) FROM tf_pipeline v WHERE v.id = p.id)";

    private final StoreDb db;
    private final Dialect d;
    private final TaskInserts inserts;
    private final Events events;
    private final PipelineAdvance advance;
    private final JsonCodec json;
    private final RowMapper<Pipeline> pipeline = this::pipeline;
    private final RowMapper<PipelineRun> run = this::run;

    JdbcPipelineStore(StoreDb db, TaskInserts inserts, Events events, PipelineAdvance advance) {
        this.db = db;
        this.d = db.dialect();
        this.inserts = inserts;
        this.events = events;
        this.advance = advance;
        this.json = advance.json();
    }

    private static String key(String id) {
        return id != null && TaskIds.isValid(id) ? id.toLowerCase(Locale.ROOT) : null;
    }

    @Override
    public Pipeline pipelineSave(String tenantId, String newId, PipelineDefinition definition, Instant now) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(definition, "definition");
        String text = json.write(PipelineParser.toTree(definition));
        // Two savers of one name may both read version n; the unique index lets one win and the
        // other try again with n + 1.
        for (int attempt = 1; ; attempt++) {
            try {
                return db.write(
                        "save pipeline",
                        (c, scope) -> {
                            Optional<Pipeline> current = latestByName(c, tenantId, definition.name());
                            String id = current.map(Pipeline::id).orElse(key(newId));
                            int version = current.map(p -> p.version() + 1).orElse(1);
                            JdbcRunner.update(
                                    c,
                                    "INSERT INTO tf_pipeline (id, tenant_id, name, version, definition, created_at)"
                                            + " VALUES (?, ?, ?, ?, ?, ?)",
                                    db.args()
                                            .id(id)
                                            .text(tenantId)
                                            .text(definition.name())
                                            .integer(version)
                                            .json(text)
                                            .instant(now));
                            return find(c, id, version).orElseThrow();
                        },
                        e -> e);
            } catch (io.taskforge.jdbc.UniqueViolationException e) {
                if (attempt >= 3) {
                    throw new StoreException("save pipeline failed: its name is being saved by others", e);
                }
            }
        }
    }

    @Override
    public Optional<Pipeline> pipelineGet(String id, Integer version) {
        String k = key(id);
        if (k == null) {
            return Optional.empty();
        }
        return db.read("read pipeline", c -> version == null ? latest(c, k) : find(c, k, version));
    }

    @Override
    public Optional<Pipeline> pipelineGetByName(String tenantId, String name) {
        return name == null ? Optional.empty() : db.read("read pipeline", c -> latestByName(c, tenantId, name));
    }

    @Override
    public List<Pipeline> pipelineList(String tenantId, String afterName, int limit) {
        Args args = db.args().text(Objects.requireNonNull(tenantId, "tenantId"));
        String after = "";
        if (afterName != null) {
            after = " AND p.name > ?";
            args.text(afterName);
        }
        args.integer(limit);
        String sql = "SELECT p.*" + LATEST + " AND p.tenant_id = ?" + after + " ORDER BY p.name LIMIT ?";
        return db.read("list pipelines", c -> JdbcRunner.query(c, sql, args, pipeline));
    }

    @Override
    public List<PipelineVersionSummary> pipelineVersionList(String id) {
        String k = key(id);
        if (k == null) {
            return List.of();
        }
        return db.read(
                "list pipeline versions",
                c -> JdbcRunner.query(
                        c,
                        "SELECT version, created_at FROM tf_pipeline WHERE id = ? ORDER BY version",
                        db.args().id(k),
                        rs -> new PipelineVersionSummary(rs.getInt("version"), d.readInstant(rs, "created_at"))));
    }

    private Optional<Pipeline> find(Connection c, String id, int version) throws SQLException {
        return JdbcRunner.queryFirst(
                c,
                "SELECT p.* FROM tf_pipeline p WHERE p.id = ? AND p.version = ?",
                db.args().id(id).integer(version),
                pipeline);
    }

    private Optional<Pipeline> latest(Connection c, String id) throws SQLException {
        return JdbcRunner.queryFirst(
                c,
                "SELECT p.* FROM tf_pipeline p WHERE p.id = ? ORDER BY p.version DESC LIMIT 1",
                db.args().id(id),
                pipeline);
    }

    private Optional<Pipeline> latestByName(Connection c, String tenantId, String name) throws SQLException {
        return JdbcRunner.queryFirst(
                c,
                "SELECT p.* FROM tf_pipeline p WHERE p.tenant_id = ? AND p.name = ? ORDER BY p.version DESC LIMIT 1",
                db.args().text(tenantId).text(name),
                pipeline);
    }

    private Pipeline pipeline(ResultSet rs) throws SQLException {
        return new Pipeline(
                d.readId(rs, "id"),
                rs.getString("tenant_id"),
                rs.getString("name"),
                rs.getInt("version"),
                PipelineParser.fromTree(json.read(d.readJson(rs, "definition"), Object.class)),
                d.readInstant(rs, "created_at"));
    }

    @Override
    public PipelineRun pipelineRunInsert(PipelineRun r, List<Task> tasks, String idempotencyKey) {
        String id = key(r.id());
        if (id == null) {
            throw new IllegalArgumentException("not a run id: " + r.id());
        }
        try {
            return db.write(
                    "start pipeline run",
                    (c, scope) -> {
                        Optional<PipelineRun> earlier = byIdempotencyKey(c, r.tenantId(), idempotencyKey);
                        if (earlier.isPresent()) {
                            return earlier.get();
                        }
                        JdbcRunner.update(
                                c,
                                "INSERT INTO tf_pipeline_run (id, tenant_id, pipeline_id, pipeline_version, params,"
                                        + " status, idempotency_key, created_at, updated_at)"
                                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                db.args()
                                        .id(id)
                                        .text(r.tenantId())
                                        .id(key(r.pipelineId()))
                                        .integer(r.pipelineVersion())
                                        .json(json.write(r.params()))
                                        .text(RunStatus.RUNNING.name())
                                        .text(idempotencyKey)
                                        .instant(r.createdAt())
                                        .instant(r.createdAt()));
                        inserts.insertWithin(c, scope, tasks);
                        advance.advanceOne(c, scope, id, r.createdAt());
                        return findRun(c, id).orElseThrow();
                    },
                    e -> e);
        } catch (io.taskforge.jdbc.UniqueViolationException e) {
            // Another caller started the run with this key first; its run is visible now.
            return db.read("read pipeline run", c -> byIdempotencyKey(c, r.tenantId(), idempotencyKey))
                    .orElseThrow(() -> new StoreException("start pipeline run failed", e));
        }
    }

    private Optional<PipelineRun> byIdempotencyKey(Connection c, String tenantId, String idempotencyKey)
            throws SQLException {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        return JdbcRunner.queryFirst(
                c,
                "SELECT " + RUN_COLUMNS + RUN_FROM + " WHERE r.tenant_id = ? AND r.idempotency_key = ?",
                db.args().text(tenantId).text(idempotencyKey),
                run);
    }

    @Override
    public Optional<PipelineRunDetail> pipelineRunGet(String id) {
        String k = key(id);
        if (k == null) {
            return Optional.empty();
        }
        return db.read("read pipeline run", c -> {
            Optional<PipelineRun> found = findRun(c, k);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            PipelineRun r = found.get();
            PipelineDefinition def = advance.definition(c, r.pipelineId(), r.pipelineVersion());
            return Optional.of(new PipelineRunDetail(
                    r,
                    def,
                    advance.tasks(c, k).stream()
                            .map(PipelineAdvance.StepRow::step)
                            .toList()));
        });
    }

    @Override
    public List<PipelineRun> pipelineRunList(PipelineRunQuery q) {
        StringBuilder where = new StringBuilder(" WHERE r.tenant_id = ?");
        Args args = db.args().text(Objects.requireNonNull(q.tenantId(), "tenantId"));
        if (q.pipelineId() != null) {
            where.append(" AND r.pipeline_id = ?");
            args.id(key(q.pipelineId()));
        }
        if (q.status() != null) {
            where.append(" AND r.status = ?");
            args.text(q.status().name());
        }
        if (q.afterCreatedAt() != null && q.afterId() != null) {
            where.append(" AND (r.created_at < ? OR (r.created_at = ? AND r.id < ?))");
            args.instant(q.afterCreatedAt()).instant(q.afterCreatedAt()).id(key(q.afterId()));
        }
        args.integer(q.limit());
        String sql = "SELECT " + RUN_COLUMNS + RUN_FROM + where + " ORDER BY r.created_at DESC, r.id DESC LIMIT ?";
        return db.read("list pipeline runs", c -> JdbcRunner.query(c, sql, args, run));
    }

    @Override
    public Optional<PipelineRun> pipelineRunCancel(String id, Instant now, String actor) {
        String k = key(id);
        if (k == null) {
            return Optional.empty();
        }
        return db.write("cancel pipeline run", (c, scope) -> {
            Optional<PipelineAdvance.RunRow> row = advance.lockRun(c, k);
            if (row.isEmpty()) {
                return Optional.empty();
            }
            if (row.get().status().isFinished()) {
                throw new PipelineRunStateException(
                        findRun(c, k).orElseThrow(),
                        "pipeline run " + k + " has already finished: "
                                + row.get().status());
            }
            JdbcRunner.update(
                    c,
                    "UPDATE tf_pipeline_run SET status = 'CANCELLED', updated_at = ?, finished_at = ? WHERE id = ?",
                    db.args().instant(now).instant(now).id(k));
            advance.advanceOne(c, scope, k, now);
            return findRun(c, k);
        });
    }

    @Override
    public Optional<PipelineRun> pipelineRunRetry(String id, Instant now, String actor) {
        String k = key(id);
        if (k == null) {
            return Optional.empty();
        }
        return db.write("retry pipeline run", (c, scope) -> {
            Optional<PipelineAdvance.RunRow> row = advance.lockRun(c, k);
            if (row.isEmpty()) {
                return Optional.empty();
            }
            RunStatus status = row.get().status();
            if (status != RunStatus.FAILED && status != RunStatus.CANCELLED) {
                throw new PipelineRunStateException(
                        findRun(c, k).orElseThrow(),
                        "only FAILED or CANCELLED runs can be retried; pipeline run " + k + " is " + status);
            }
            List<PipelineAdvance.StepRow> tasks = advance.tasks(c, k);
            if (tasks.stream().anyMatch(t -> !t.step().status().isFinished())) {
                throw new PipelineRunStateException(
                        findRun(c, k).orElseThrow(),
                        "pipeline run " + k + " still has steps being stopped; retry it once they have");
            }
            List<TaskEvent> appended = new ArrayList<>();
            for (PipelineAdvance.StepRow t : tasks) {
                if (PipelineAdvance.keptOnRetry(t.step().status(), t.step().error())) {
                    continue;
                }
                // A deleted step stays deleted; the run treats it as cancelled.
                int changed = JdbcRunner.update(
                        c,
                        "UPDATE tf_task SET status = 'PENDING', result = NULL, error = NULL, lease_until = NULL,"
                                + " worker_id = NULL, finished_at = NULL, cancel_requested = FALSE, updated_at = ?,"
                                + " max_attempts = CASE WHEN max_attempts > attempt THEN max_attempts"
                                + " ELSE attempt + 1 END"
                                + " WHERE id = ? AND status = ? AND deleted_at IS NULL",
                        db.args()
                                .instant(now)
                                .id(t.step().taskId())
                                .text(t.step().status().name()));
                if (changed == 1) {
                    appended.add(new TaskEvent(
                            t.step().taskId(),
                            now,
                            TaskEventType.RETRIED,
                            t.step().status(),
                            TaskStatus.PENDING,
                            t.attempt(),
                            "the pipeline run is retried",
                            null,
                            actor));
                }
            }
            events.append(c, appended);
            JdbcRunner.update(
                    c,
                    "UPDATE tf_pipeline_run SET status = 'RUNNING', error = NULL, updated_at = ?, finished_at = NULL"
                            + " WHERE id = ?",
                    db.args().instant(now).id(k));
            advance.advanceOne(c, scope, k, now);
            return findRun(c, k);
        });
    }

    private Optional<PipelineRun> findRun(Connection c, String id) throws SQLException {
        return JdbcRunner.queryFirst(
                c,
                "SELECT " + RUN_COLUMNS + RUN_FROM + " WHERE r.id = ?",
                db.args().id(id),
                run);
    }

    private PipelineRun run(ResultSet rs) throws SQLException {
        @SuppressWarnings("unchecked")
        Map<String, Object> params = json.read(d.readJson(rs, "params"), Map.class);
        return new PipelineRun(
                d.readId(rs, "id"),
                rs.getString("tenant_id"),
                d.readId(rs, "pipeline_id"),
                rs.getString("name"),
                rs.getInt("pipeline_version"),
                RunStatus.valueOf(rs.getString("status")),
                params,
                rs.getString("error"),
                d.readInstant(rs, "created_at"),
                d.readInstant(rs, "updated_at"),
                d.readInstant(rs, "finished_at"));
    }
}
