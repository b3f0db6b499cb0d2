package io.taskforge.store.jdbc;

import io.taskforge.jdbc.ConnectionSource;
import io.taskforge.store.AttemptOutcome;
import io.taskforge.store.ClaimParams;
import io.taskforge.store.HeldTask;
import io.taskforge.store.InsertOutcome;
import io.taskforge.store.Inserted;
import io.taskforge.store.ProgressUpdate;
import io.taskforge.store.PromoteResult;
import io.taskforge.store.StoreListener;
import io.taskforge.store.TaskStore;
import io.taskforge.store.WorkerRecord;
import io.taskforge.store.jdbc.dialect.Dialect;
import io.taskforge.task.LogPage;
import io.taskforge.task.Tag;
import io.taskforge.task.Task;
import io.taskforge.task.TaskEvent;
import io.taskforge.task.TaskIds;
import io.taskforge.task.TaskLogLine;
import io.taskforge.task.TaskPage;
import io.taskforge.task.TaskPatch;
import io.taskforge.task.TaskQuery;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * {@link TaskStore} over JDBC. This class only routes: each concern lives in its own small class,
 * all sharing one {@link StoreDb}. Ids are checked here, once: one that is not a task id matches
 * nothing and never reaches the database (PostgreSQL would reject it as a uuid).
 *
 * <p>Thread-safe; one instance serves a whole process. Open it through {@link JdbcStores}.
 */
final class JdbcTaskStore implements TaskStore {
    private final String dialectName;
    private final Listeners listeners;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    private final TaskRows rows;
    private final Events events;
    private final Tags tags;
    private final TaskInserts inserts;
    private final TaskCommands commands;
    private final TaskListing listing;
    private final Claims claims;
    private final Outcomes outcomes;
    private final Leases leases;
    private final TaskLogs logs;
    private final Maintenance maintenance;
    private final TaskPurge purge;
    private final Workers workers;
    private final TaskStatistics statistics;
    private final TaskChanges changes;
    private final Queues queues;
    private final DeadLetterReplay deadLetters;
    private final AttemptReports attemptReports;
    private final PipelineAdvance pipelines;
    private final StoreDb db;
    private final TenantLimits tenantLimits;

    JdbcTaskStore(DataSource dataSource, Dialect dialect, ConnectionSource listenConnections, Runnable onClose) {
        this.dialectName = dialect.name();
        this.listeners = new Listeners(dialect, dataSource, listenConnections);
        this.onClose = onClose;
        this.db = new StoreDb(dataSource, dialect, listeners::afterCommit);
        this.rows = new TaskRows(db);
        this.events = new Events(db);
        this.tags = new Tags(db);
        this.inserts = new TaskInserts(db, rows, events, tags);
        this.pipelines = new PipelineAdvance(db, rows, events, inserts);
        this.commands = new TaskCommands(db, rows, events, tags, pipelines);
        this.listing = new TaskListing(db, rows);
        QueueRows queueRows = new QueueRows(db);
        this.tenantLimits = new TenantLimits(db);
        this.claims = new Claims(db, rows, events, new QueueLimits(db, queueRows), tenantLimits);
        this.outcomes = new Outcomes(db, events, pipelines);
        this.leases = new Leases(db);
        this.logs = new TaskLogs(db);
        this.maintenance = new Maintenance(db, rows, events, pipelines);
        this.purge = new TaskPurge(db);
        this.workers = new Workers(db);
        this.statistics = new TaskStatistics(db);
        this.changes = new TaskChanges(db, rows);
        this.queues = new Queues(db, queueRows);
        this.deadLetters = new DeadLetterReplay(db, events);
        this.attemptReports = new AttemptReports(db, logs);
    }

    /** The id in the form the database returns it, or null when it cannot name a task. */
    private static String taskId(String id) {
        return TaskIds.isValid(id) ? id.toLowerCase(Locale.ROOT) : null;
    }

    @Override
    public List<Inserted> taskInsertMany(List<Task> tasks) {
        for (Task t : tasks) {
            if (!TaskIds.isValid(t.id())) {
                throw new IllegalArgumentException("not a task id: " + t.id());
            }
        }
        return inserts.insertMany(tasks);
    }

    @Override
    public List<InsertOutcome> taskInsertEach(List<Task> tasks) {
        for (Task t : tasks) {
            if (!TaskIds.isValid(t.id())) {
                throw new IllegalArgumentException("not a task id: " + t.id());
            }
        }
        return inserts.insertEach(tasks);
    }

    @Override
    public Optional<Task> taskGet(String id) {
        String key = taskId(id);
        return key == null ? Optional.empty() : db.read("read task", c -> rows.find(c, key, false));
    }

    @Override
    public TaskPage taskList(TaskQuery query) {
        return listing.list(query);
    }

    @Override
    public List<TaskEvent> taskEventList(String taskId) {
        String key = taskId(taskId);
        return key == null ? List.of() : db.read("read task events", c -> events.list(c, key));
    }

    @Override
    public Optional<Task> taskUpdate(String id, TaskPatch patch, Instant now, String actor) {
        String key = taskId(id);
        return key == null ? Optional.empty() : commands.update(key, patch, now, actor);
    }

    @Override
    public Optional<Task> taskCancel(String id, Instant now, String actor) {
        String key = taskId(id);
        return key == null ? Optional.empty() : commands.cancel(key, now, actor);
    }

    @Override
    public Optional<Task> taskRetry(String id, Instant now, String actor) {
        String key = taskId(id);
        return key == null ? Optional.empty() : commands.retry(key, now, actor);
    }

    @Override
    public Optional<Task> taskDelete(String id, boolean force, Instant now, String actor) {
        String key = taskId(id);
        return key == null ? Optional.empty() : commands.delete(key, force, now, actor);
    }

    @Override
    public List<Task> taskClaim(ClaimParams params) {
        return claims.claim(params);
    }

    @Override
    public List<HeldTask> taskLeaseRenewMany(String workerId, Instant now, Instant leaseUntil) {
        return leases.renewAll(workerId, now, leaseUntil);
    }

    @Override
    public Optional<HeldTask> taskLeaseRenewIfRunning(
            String taskId, int attempt, String workerId, Instant now, Instant leaseUntil) {
        String key = taskId(taskId);
        return key == null ? Optional.empty() : leases.renewOne(key, attempt, workerId, leaseUntil);
    }

    @Override
    public List<Boolean> taskSetOutcomeIfRunningMany(List<AttemptOutcome> outcomes) {
        return this.outcomes.apply(outcomes);
    }

    @Override
    public void taskProgressSetIfRunningMany(List<ProgressUpdate> updates) {
        leases.progress(updates);
    }

    @Override
    public void taskLogAppendMany(List<TaskLogLine> lines) {
        logs.append(lines);
    }

    @Override
    public LogPage taskLogList(String taskId, long afterSeq, int limit) {
        String key = taskId(taskId);
        return key == null ? new LogPage(List.of(), afterSeq) : logs.list(key, afterSeq, limit);
    }

    @Override
    public PromoteResult taskPromoteDue(Instant now, int limit) {
        return maintenance.promoteDue(now, limit);
    }

    @Override
    public Optional<Instant> taskNextDueAt() {
        return maintenance.nextDueAt();
    }

    @Override
    public List<Task> taskRescueExpired(Instant now, int limit) {
        return maintenance.rescueExpired(now, limit);
    }

    @Override
    public int taskPurgeFinished(Instant finishedBefore, Instant failedBefore, int limit) {
        return purge.purge(finishedBefore, failedBefore, limit);
    }

    @Override
    public void workerUpsert(WorkerRecord worker) {
        workers.upsert(worker);
    }

    @Override
    public List<WorkerRecord> workerList() {
        return workers.list();
    }

    @Override
    public int workerMarkLost(Instant heartbeatBefore, Instant now) {
        return workers.markLost(heartbeatBefore);
    }

    @Override
    public int workerDeleteInactive(Instant heartbeatBefore) {
        return workers.deleteInactive(heartbeatBefore);
    }

    @Override
    public boolean leaderTryAcquire(String name, String holder, Instant now, Instant until) {
        return workers.leaderTryAcquire(name, holder, now, until);
    }

    @Override
    public void leaderRelease(String name, String holder) {
        workers.leaderRelease(name, holder);
    }

    @Override
    public List<Tag> tagList(String tenantId) {
        return tags.list(Objects.requireNonNull(tenantId, "tenantId"));
    }

    @Override
    public Tag tagCreate(String tenantId, String name, String color, Instant now) {
        return tags.create(
                Objects.requireNonNull(tenantId, "tenantId"), Objects.requireNonNull(name, "name"), color, now);
    }

    @Override
    public Optional<Tag> tagUpdate(String tenantId, String name, String color) {
        return tags.update(tenantId, name, color);
    }

    @Override
    public boolean tagDelete(String tenantId, String name) {
        return tags.delete(tenantId, name);
    }

    @Override
    public AutoCloseable subscribe(StoreListener listener) {
        return listeners.subscribe(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public boolean hearsOtherProcesses() {
        return db.dialect().supportsListenNotify();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            listeners.close();
            onClose.run();
        }
    }

    @Override
    public String toString() {
        return "JdbcTaskStore[" + dialectName + "]";
    }

    /** The way into the database, for stores of other things kept beside the tasks (scripts). */
    StoreDb db() {
        return db;
    }

    /** The tenants' running quotas the claims honour, which the auth store tells of changes. */
    TenantLimits tenantLimits() {
        return tenantLimits;
    }

    /** The pipeline store over the same database, sharing the hook that advances runs. */
    JdbcPipelineStore pipelineStore() {
        return new JdbcPipelineStore(db, inserts, events, pipelines);
    }

    /** Task inserts, for stores that write tasks in their own transactions (a schedule's fire). */
    TaskInserts inserts() {
        return inserts;
    }

    // ---- issue 3 (being implemented; these stubs are replaced before this lands) ------------------

    @Override
    public boolean taskLogAppendIfRunning(String taskId, int attempt, String workerId, List<TaskLogLine> lines) {
        String key = taskId(taskId);
        return key != null && attemptReports.appendLogIfRunning(key, attempt, workerId, lines);
    }

    @Override
    public boolean taskProgressSetIfRunning(String taskId, int attempt, String workerId, ProgressUpdate update) {
        String key = taskId(taskId);
        return key != null && attemptReports.setProgressIfRunning(key, attempt, workerId, update);
    }

    @Override
    public List<io.taskforge.store.QueueStats> queueStatsList(String tenantId, Instant now) {
        return queues.statsList(tenantId, now);
    }

    @Override
    public List<io.taskforge.store.QueueSettings> queueSettingsList() {
        return queues.settingsList();
    }

    @Override
    public io.taskforge.store.QueueSettings queueSettingsUpdate(
            String queue, io.taskforge.store.QueuePatch patch, Instant now) {
        return queues.settingsUpdate(
                Objects.requireNonNull(queue, "queue"), Objects.requireNonNull(patch, "patch"), now);
    }

    @Override
    public int taskRetryFailedInQueue(String tenantId, String queue, Instant now, String actor) {
        return deadLetters.retryFailed(tenantId, Objects.requireNonNull(queue, "queue"), now, actor);
    }

    @Override
    public java.util.Map<String, List<String>> taskRunningByWorker() {
        return workers.runningTaskIds();
    }

    @Override
    public io.taskforge.store.TaskStats taskStats(String tenantId, Instant since, Instant now) {
        return statistics.stats(tenantId, Objects.requireNonNull(since, "since"), Objects.requireNonNull(now, "now"));
    }

    @Override
    public long taskEventLatestId() {
        return changes.latestId();
    }

    @Override
    public io.taskforge.store.TaskChangePage taskChangesAfter(long afterEventId, int limit) {
        return changes.after(afterEventId, limit);
    }
}
