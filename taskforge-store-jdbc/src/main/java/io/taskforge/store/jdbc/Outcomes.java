package io.taskforge.store.jdbc;

import io.taskforge.jdbc.BatchBinder;
import io.taskforge.jdbc.JdbcRunner;
import io.taskforge.store.AttemptOutcome;
import io.taskforge.store.jdbc.dialect.Dialect;
import io.taskforge.task.TaskEvent;
import io.taskforge.task.TaskEventType;
import io.taskforge.task.TaskIds;
import io.taskforge.task.TaskStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ends attempts in batches. Every outcome is an UPDATE guarded by {@code id, status RUNNING,
 * attempt, worker}: a report from a worker that lost the task (rescued, cancelled, claimed again)
 * matches no row and changes nothing. What the updates report back says which outcomes applied;
 * only those get events.
 *
 * <p>Outcomes run in input order, grouped into runs of one kind. On PostgreSQL a run is one
 * statement over arrays of the outcomes' values ({@link Dialect#arrayRows}): a thousand outcomes
 * cost one index probe and row update each, not a thousand statements. Elsewhere a run is a JDBC
 * batch of one statement per outcome. Either way, when one task appears twice, the first report
 * wins and the second changes nothing.
 */
final class Outcomes {
    private static final Pattern VALUE = Pattern.compile("\\$\\{([a-z_]+)}");
    private static final String GUARD = "status = 'RUNNING' AND deleted_at IS NULL";

    /** An outcome's value that a change writes; {@code ${name}} in a change's assignments. */
    private enum Value {
        RESULT("json"),
        ERROR("jsonb"),
        RUN_AT("timestamptz"),
        AT("timestamptz");

        final String sqlType;

        Value(String sqlType) {
            this.sqlType = sqlType;
        }

        String column() {
            return "o_" + name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What one kind of outcome does to its task, as a statement per outcome ({@code eachSql}, whose
     * {@code ?} are {@code eachParameters} then the guard's id, attempt and worker) and as the
     * assignments of one statement over arrays ({@code allAssignments}, reading {@code u}'s columns
     * for {@code values}).
     */
    private record Change(
            TaskEventType event,
            TaskStatus to,
            String eachSql,
            List<Value> eachParameters,
            String allAssignments,
            String extraGuard,
            List<Value> values) {

        /** Reads the assignments once: the statements and their parameters are the same for every batch. */
        static Change of(String assignments, String extraGuard, TaskEventType event, TaskStatus to) {
            List<Value> occurrences = new ArrayList<>();
            Matcher m = VALUE.matcher(assignments);
            while (m.find()) {
                occurrences.add(value(m.group(1)));
            }
            String eachSql = "UPDATE tf_task SET " + VALUE.matcher(assignments).replaceAll("?")
                    + " WHERE id = ? AND attempt = ? AND worker_id = ? AND " + GUARD + extraGuard;
            String allAssignments = VALUE.matcher(assignments)
                    .replaceAll(r ->
                            Matcher.quoteReplacement("u." + value(r.group(1)).column()));
            return new Change(
                    event,
                    to,
                    eachSql,
                    List.copyOf(occurrences),
                    allAssignments,
                    extraGuard,
                    occurrences.stream().distinct().toList());
        }

        private static Value value(String name) {
            return Value.valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    private static final Change SUCCEEDED = Change.of(
            "status = 'SUCCEEDED', result = ${result}, error = NULL, lease_until = NULL, finished_at = ${at},"
                    + " updated_at = ${at}",
            "",
            TaskEventType.SUCCEEDED,
            TaskStatus.SUCCEEDED);
    private static final Change RETRYING = Change.of(
            "status = 'RETRYING', error = ${error}, run_at = ${run_at}, lease_until = NULL, updated_at = ${at}",
            "",
            TaskEventType.ATTEMPT_FAILED,
            TaskStatus.RETRYING);
    private static final Change FAILED = Change.of(
            "status = 'FAILED', error = ${error}, lease_until = NULL, finished_at = ${at}, updated_at = ${at}",
            "",
            TaskEventType.FAILED,
            TaskStatus.FAILED);
    // A cancelled attempt keeps the last error unless it brings its own.
    private static final Change CANCELLED = Change.of(
            "status = 'CANCELLED', error = COALESCE(${error}, error), lease_until = NULL, finished_at = ${at},"
                    + " updated_at = ${at}",
            "",
            TaskEventType.CANCELLED,
            TaskStatus.CANCELLED);
    // A release gives the attempt back. A task whose cancel was requested is not queued again
    // for another worker to start: releasing it cancels it.
    private static final Change RELEASED = Change.of(
            "status = 'QUEUED', attempt = attempt - 1, lease_until = NULL, updated_at = ${at}",
            " AND cancel_requested = FALSE",
            TaskEventType.RELEASED,
            TaskStatus.QUEUED);
    private static final Change RELEASED_CANCELLED = Change.of(
            "status = 'CANCELLED', lease_until = NULL, finished_at = ${at}, updated_at = ${at}",
            " AND cancel_requested = TRUE",
            TaskEventType.CANCELLED,
            TaskStatus.CANCELLED);

    private final StoreDb db;
    private final Dialect d;
    private final Events events;
    private final PipelineAdvance pipelines;

    Outcomes(StoreDb db, Events events, PipelineAdvance pipelines) {
        this.db = db;
        this.d = db.dialect();
        this.events = events;
        this.pipelines = pipelines;
    }

    private record Indexed(int index, AttemptOutcome outcome) {}

    List<Boolean> apply(List<AttemptOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return List.of();
        }
        return db.write("apply attempt outcomes", (c, scope) -> {
            boolean[] applied = new boolean[outcomes.size()];
            List<TaskEvent> appended = new ArrayList<>();
            List<String> requeued = new ArrayList<>();
            Set<String> runs = new TreeSet<>();
            int start = 0;
            while (start < outcomes.size()) {
                TaskStatus kind = outcomes.get(start).status();
                int end = start;
                List<Indexed> run = new ArrayList<>();
                while (end < outcomes.size() && outcomes.get(end).status() == kind) {
                    if (TaskIds.isValid(outcomes.get(end).taskId())) {
                        run.add(new Indexed(end, outcomes.get(end)));
                    }
                    end++;
                }
                applyRun(c, kind, run, applied, appended, requeued, runs);
                start = end;
            }
            events.append(c, appended);
            // Only outcomes of pipeline steps name runs: other tasks never get here.
            pipelines.advance(c, scope, runs, outcomes.getFirst().now());
            for (String queue : queuesOf(c, requeued)) {
                scope.queued(queue);
            }
            List<Boolean> result = new ArrayList<>(applied.length);
            for (boolean a : applied) {
                result.add(a);
            }
            return result;
        });
    }

    private void applyRun(
            Connection c,
            TaskStatus kind,
            List<Indexed> run,
            boolean[] applied,
            List<TaskEvent> appended,
            List<String> requeued,
            Set<String> runs)
            throws SQLException {
        if (run.isEmpty()) {
            return;
        }
        switch (kind) {
            case SUCCEEDED -> change(c, SUCCEEDED, run, applied, appended, runs);
            case RETRYING -> change(c, RETRYING, run, applied, appended, runs);
            case FAILED -> change(c, FAILED, run, applied, appended, runs);
            case CANCELLED -> change(c, CANCELLED, run, applied, appended, runs);
            case QUEUED -> {
                change(c, RELEASED_CANCELLED, run, applied, appended, runs);
                List<Indexed> rest =
                        run.stream().filter(i -> !applied[i.index()]).toList();
                for (Indexed i : change(c, RELEASED, rest, applied, appended, runs)) {
                    requeued.add(i.outcome().taskId());
                }
            }
            default -> throw new IllegalArgumentException("not an attempt outcome: " + kind);
        }
    }

    /**
     * Applies one change to the run's tasks; marks and records those it applied to, and returns
     * them. When the change finishes tasks, the pipeline runs of those that are steps go to {@code
     * runs}.
     */
    private List<Indexed> change(
            Connection c,
            Change change,
            List<Indexed> run,
            boolean[] applied,
            List<TaskEvent> appended,
            Set<String> runs)
            throws SQLException {
        // The first report of a task wins: later ones in the same run find it no longer RUNNING.
        List<Indexed> firsts = new ArrayList<>(run.size());
        Set<String> seen = new HashSet<>();
        for (Indexed i : run) {
            if (seen.add(i.outcome().taskId())) {
                firsts.add(i);
            }
        }
        Optional<String> rows = d.arrayRows(arrayColumns(change.values()));
        List<Indexed> done =
                rows.isPresent() ? changeAll(c, change, rows.get(), firsts, runs) : changeEach(c, change, firsts, runs);
        for (Indexed i : done) {
            AttemptOutcome o = i.outcome();
            applied[i.index()] = true;
            appended.add(new TaskEvent(
                    o.taskId(),
                    o.now(),
                    change.event(),
                    TaskStatus.RUNNING,
                    change.to(),
                    o.attempt(),
                    o.message(),
                    o.error(),
                    Actors.worker(o.workerId())));
        }
        return done;
    }

    /**
     * One statement over arrays of the outcomes' values; RETURNING says which tasks it changed, and
     * their pipeline runs (null for almost all), so finishing a step costs no extra statement.
     */
    private List<Indexed> changeAll(Connection c, Change change, String rows, List<Indexed> run, Set<String> runs)
            throws SQLException {
        String sql = "UPDATE tf_task SET " + change.allAssignments()
                + " FROM " + rows
                // u's columns are all named o_*, so plain names are the task's. "id = ANY" makes
                // the planner find the tasks by primary key whatever it guesses of u and of the
                // table's (often stale) statistics; a hash join over other guesses took seconds.
                + " WHERE " + d.anyOf("id") + " AND id = u.o_id AND attempt = u.o_attempt AND worker_id = u.o_worker"
                + " AND " + GUARD
                + change.extraGuard()
                + " RETURNING id, pipeline_run_id";
        List<String> ids = run.stream().map(i -> i.outcome().taskId()).toList();
        Args args = db.args()
                .texts(ids)
                .texts(run.stream()
                        .map(i -> String.valueOf(i.outcome().attempt()))
                        .toList())
                .texts(run.stream().map(i -> i.outcome().workerId()).toList());
        for (Value v : change.values()) {
            args.texts(run.stream().map(i -> text(v, i.outcome())).toList());
        }
        args.ids(ids);
        d.planForBoundValues(c);
        Set<String> changed = new HashSet<>();
        JdbcRunner.query(c, sql, args, rs -> {
            changed.add(d.readId(rs, "id"));
            String pipelineRun = rs.getString("pipeline_run_id");
            if (pipelineRun != null && change.to().isFinished()) {
                runs.add(pipelineRun);
            }
            return null;
        });
        return run.stream().filter(i -> changed.contains(i.outcome().taskId())).toList();
    }

    /**
     * One statement per outcome in a JDBC batch; the update counts say which applied. A batch
     * returns no rows, so the pipeline runs of finished steps take one more statement here: on the
     * single-writer SQLite this is an in-process read by primary key inside the open transaction.
     */
    private List<Indexed> changeEach(Connection c, Change change, List<Indexed> run, Set<String> runs)
            throws SQLException {
        String sql = change.eachSql();
        BatchBinder<Indexed> binder = (ps, item) -> {
            AttemptOutcome o = item.outcome();
            int p = 1;
            for (Value v : change.eachParameters()) {
                bind(ps, p++, v, o);
            }
            d.id().bind(ps, p, o.taskId());
            ps.setInt(p + 1, o.attempt());
            ps.setString(p + 2, o.workerId());
        };
        int[] counts = JdbcRunner.batch(c, sql, run, binder);
        if (Arrays.stream(counts).anyMatch(n -> n < 0 || n > 1)) {
            throw new IllegalStateException("a guarded update changed " + Arrays.toString(counts) + " rows");
        }
        List<Indexed> done = new ArrayList<>();
        for (int i = 0; i < run.size(); i++) {
            if (counts[i] > 0) {
                done.add(run.get(i));
            }
        }
        if (change.to().isFinished() && !done.isEmpty()) {
            runs.addAll(JdbcRunner.query(
                    c,
                    "SELECT DISTINCT pipeline_run_id FROM tf_task WHERE " + d.anyOf("id")
                            + " AND pipeline_run_id IS NOT NULL",
                    db.args().ids(done.stream().map(i -> i.outcome().taskId()).toList()),
                    rs -> rs.getString("pipeline_run_id")));
        }
        return done;
    }

    private void bind(PreparedStatement ps, int index, Value v, AttemptOutcome o) throws SQLException {
        switch (v) {
            case RESULT -> d.json().bind(ps, index, o.result());
            case ERROR -> d.json().bind(ps, index, ErrorJson.write(o.error()));
            case RUN_AT -> d.instant().bind(ps, index, o.runAt());
            case AT -> d.instant().bind(ps, index, o.now());
        }
    }

    private static String text(Value v, AttemptOutcome o) {
        return switch (v) {
            case RESULT -> o.result();
            case ERROR -> ErrorJson.write(o.error());
            case RUN_AT -> o.runAt() == null ? null : o.runAt().toString();
            case AT -> o.now().toString();
        };
    }

    private static List<Map.Entry<String, String>> arrayColumns(List<Value> values) {
        List<Map.Entry<String, String>> columns = new ArrayList<>();
        columns.add(Map.entry("o_id", "uuid"));
        columns.add(Map.entry("o_attempt", "integer"));
        columns.add(Map.entry("o_worker", "text"));
        for (Value v : values) {
            columns.add(Map.entry(v.column(), v.sqlType));
        }
        return columns;
    }

    private Set<String> queuesOf(Connection c, List<String> taskIds) throws SQLException {
        if (taskIds.isEmpty()) {
            return Set.of();
        }
        return new TreeSet<>(JdbcRunner.query(
                c,
                "SELECT DISTINCT queue FROM tf_task WHERE " + d.anyOf("id"),
                db.args().ids(taskIds),
                rs -> rs.getString("queue")));
    }
}
