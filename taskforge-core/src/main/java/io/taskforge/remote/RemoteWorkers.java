package io.taskforge.remote;

import io.taskforge.client.FieldError;
import io.taskforge.client.PayloadTooLargeException;
import io.taskforge.client.TaskLimits;
import io.taskforge.client.TaskValidationException;
import io.taskforge.engine.AttemptOutcomes;
import io.taskforge.event.EngineListener;
import io.taskforge.json.JsonCodec;
import io.taskforge.retry.RetryPolicy;
import io.taskforge.store.AttemptOutcome;
import io.taskforge.store.ClaimParams;
import io.taskforge.store.HeldTask;
import io.taskforge.store.ProgressUpdate;
import io.taskforge.store.TaskStore;
import io.taskforge.task.Progress;
import io.taskforge.task.Task;
import io.taskforge.task.TaskError;
import io.taskforge.task.TaskIds;
import io.taskforge.task.TaskLogLine;
import io.taskforge.task.TaskStatus;
import io.taskforge.task.Texts;
import io.taskforge.time.Millis;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of workers that run outside this process, in any language, over the HTTP API: they
 * claim tasks with a lease, keep the lease with heartbeats, report log lines and progress, and end
 * each attempt with a result or a failure.
 *
 * <p>Remote workers are held to what in-process workers do:
 *
 * <ul>
 *   <li>Claims go through the store's one claim statement, so queue pauses, concurrency and rate
 *       limits hold across remote and in-process workers alike.
 *   <li>Every report names the attempt it belongs to ({@link AttemptRef}) and applies only while
 *       that attempt is RUNNING for that worker; otherwise it changes nothing and throws {@link
 *       LeaseLostException}. A worker that hears this has lost the task (it was rescued after its
 *       lease expired, cancelled, deleted, or claimed by someone else) and should drop it.
 *   <li>Failures retry with the engine's {@link RetryPolicy} and dead-letter exactly as in-process
 *       failures do ({@link AttemptOutcomes}). A failure reported for a task whose cancel was
 *       requested ends it CANCELLED: that is how a worker says "I stopped because you asked".
 *   <li>Every input is bounded ({@link RemoteLimits}) and checked before anything is written;
 *       violations throw {@link TaskValidationException} naming each field.
 * </ul>
 *
 * <p>Claims and reports also keep the worker's row in the worker registry current (see {@link
 * WorkerRegistrations}). Thread-safe; one instance serves a process.
 */
public final class RemoteWorkers {
    private static final Logger log = LoggerFactory.getLogger(RemoteWorkers.class);

    private final TaskStore store;
    private final JsonCodec json;
    private final Clock clock;
    private final RetryPolicy retryPolicy;
    private final EngineListener listener;
    private final WorkerRegistrations registrations;

    public RemoteWorkers(
            TaskStore store, JsonCodec json, Clock clock, RetryPolicy retryPolicy, EngineListener listener) {
        this.store = Objects.requireNonNull(store, "store");
        this.json = Objects.requireNonNull(json, "json");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.registrations = new WorkerRegistrations(store);
    }

    // ---- claiming -------------------------------------------------------------------------------

    /**
     * Claims up to {@code max} ready tasks of the worker's queues (possibly none) and registers the
     * worker, or records its heartbeat, in the worker registry.
     *
     * @param clientAddress where the request came from: the registry's host when the request names
     *     none
     */
    public List<Task> claim(ClaimRequest r, String clientAddress) {
        return claim(null, r, clientAddress);
    }

    /**
     * {@link #claim(ClaimRequest, String)} of the tasks of {@code tenantId} only (any tenant's when
     * null): a remote worker acting for one tenant never gets another's work.
     */
    public List<Task> claim(String tenantId, ClaimRequest r, String clientAddress) {
        Checks checks = new Checks();
        String workerId = checks.workerId(r.workerId());
        List<String> queues = checks.queues(r.queues());
        int max = checks.range("max", r.max(), 1, RemoteLimits.MAX_CLAIM, 1);
        int leaseSeconds = checks.leaseSeconds(r.leaseSeconds());
        String host = checks.text("host", r.host(), RemoteLimits.MAX_HOST_CHARS);
        long pid = r.pid() == null ? 0 : r.pid();
        if (pid < 0) {
            checks.error("pid", "must not be negative");
        }
        int concurrency = checks.range("concurrency", r.concurrency(), 1, RemoteLimits.MAX_CONCURRENCY, max);
        int busy = checks.range("busy", r.busy(), 0, RemoteLimits.MAX_CONCURRENCY, 0);
        checks.throwIfAny();

        Instant now = now();
        List<Task> claimed =
                store.taskClaim(new ClaimParams(workerId, queues, max, now, now.plusSeconds(leaseSeconds), tenantId));
        registrations.claimed(
                workerId,
                host != null ? host : clientAddress == null ? "unknown" : clientAddress,
                pid,
                queues,
                concurrency,
                Math.min(RemoteLimits.MAX_CONCURRENCY, busy + claimed.size()),
                now);
        for (Task t : claimed) {
            tell(() -> listener.attemptStarted(
                    t,
                    Duration.ZERO,
                    t.runAt() == null || t.startedAt() == null
                            ? Duration.ZERO
                            : Duration.between(t.runAt(), t.startedAt())));
        }
        return claimed;
    }

    // ---- while running --------------------------------------------------------------------------

    /**
     * Extends the attempt's lease by {@code leaseSeconds} from now and says whether the task should
     * stop.
     *
     * @throws LeaseLostException when the worker no longer holds the attempt
     */
    public LeaseState heartbeat(AttemptRef ref, Integer leaseSeconds) {
        Checks checks = new Checks();
        Held held = checks.held(ref);
        int seconds = checks.leaseSeconds(leaseSeconds);
        checks.throwIfAny();
        refuseOtherTenant(ref, held);

        Instant now = now();
        Instant until = now.plusSeconds(seconds);
        HeldTask h = store.taskLeaseRenewIfRunning(held.taskId, held.attempt, held.workerId, now, until)
                .orElseThrow(() -> lost(held));
        registrations.alive(held.workerId, now);
        return new LeaseState(h.taskId(), h.attempt(), h.cancelRequested(), until);
    }

    /**
     * Appends log lines to the attempt; lines longer than {@link TaskLogLine#MAX_LINE_CHARS} are cut.
     *
     * @throws LeaseLostException when the worker no longer holds the attempt
     */
    public void appendLog(AttemptRef ref, List<RemoteLogLine> lines) {
        Checks checks = new Checks();
        Held held = checks.held(ref);
        List<TaskLogLine> stored = new ArrayList<>();
        Instant now = now();
        if (lines == null) {
            checks.error("lines", "is required (a list of lines, possibly empty)");
        } else if (lines.size() > RemoteLimits.MAX_LOG_LINES) {
            checks.error("lines", "at most " + RemoteLimits.MAX_LOG_LINES + " lines per report, got " + lines.size());
        } else {
            for (int i = 0; i < lines.size(); i++) {
                RemoteLogLine l = lines.get(i);
                String stream = l == null ? null : stream(l.stream());
                if (l == null || l.line() == null) {
                    checks.error("lines[" + i + "]", "must be a line of text");
                } else if (stream == null) {
                    checks.error("lines[" + i + "].stream", "must be stdout, stderr or system");
                } else {
                    String text = Texts.truncate(l.line(), TaskLogLine.MAX_LINE_CHARS);
                    stored.add(new TaskLogLine(0, held == null ? null : held.taskId, 0, now, stream, text));
                }
            }
        }
        checks.throwIfAny();
        refuseOtherTenant(ref, held);

        if (!store.taskLogAppendIfRunning(held.taskId, held.attempt, held.workerId, stored)) {
            throw lost(held);
        }
        registrations.alive(held.workerId, now);
    }

    /**
     * Stores the attempt's progress: {@code percent} 0..100, a message of at most {@link
     * Progress#MAX_MESSAGE_CHARS} characters (longer ones are cut).
     *
     * @throws LeaseLostException when the worker no longer holds the attempt
     */
    public void progress(AttemptRef ref, Integer percent, String message) {
        Checks checks = new Checks();
        Held held = checks.held(ref);
        if (percent == null) {
            checks.error("percent", "is required (0..100)");
        } else if (percent < 0 || percent > 100) {
            checks.error("percent", "must be between 0 and 100, was " + percent);
        }
        checks.throwIfAny();
        refuseOtherTenant(ref, held);

        Instant now = now();
        ProgressUpdate update = new ProgressUpdate(held.taskId, held.attempt, new Progress(percent, message), now);
        if (!store.taskProgressSetIfRunning(held.taskId, held.attempt, held.workerId, update)) {
            throw lost(held);
        }
        registrations.alive(held.workerId, now);
    }

    // ---- ending the attempt -----------------------------------------------------------------------

    /**
     * Ends the attempt SUCCEEDED with {@code resultJson} (JSON text, or null for none).
     *
     * @throws PayloadTooLargeException when the result is over {@link RemoteLimits#MAX_RESULT_BYTES}
     * @throws LeaseLostException when the worker no longer holds the attempt
     */
    public ReportOutcome complete(AttemptRef ref, String resultJson) {
        Checks checks = new Checks();
        Held held = checks.held(ref);
        if (resultJson != null && !json.isValid(resultJson)) {
            checks.error("result", "must be a JSON value");
        }
        checks.throwIfAny();
        refuseOtherTenant(ref, held);
        if (resultJson != null) {
            checkResultSize(resultJson);
        }

        Instant now = now();
        AttemptOutcome outcome = AttemptOutcome.succeeded(held.taskId, held.attempt, held.workerId, resultJson, now);
        return end(held, outcome, now);
    }

    /**
     * Ends the attempt as failed: RETRYING after the retry policy's backoff while attempts remain and
     * the error is {@code retryable} (null: true), FAILED (dead-lettered) otherwise, and CANCELLED
     * when a cancel of the task was requested.
     *
     * @param error what went wrong; null records a generic error
     * @throws LeaseLostException when the worker no longer holds the attempt
     */
    public ReportOutcome fail(AttemptRef ref, TaskError error, Boolean retryable) {
        Checks checks = new Checks();
        Held held = checks.held(ref);
        checks.throwIfAny();
        refuseOtherTenant(ref, held);

        TaskError e = error == null
                ? TaskError.of("RemoteWorkerError", "the worker reported a failure without saying why")
                : new TaskError(
                        Texts.truncate(error.type(), RemoteLimits.MAX_ERROR_TYPE_CHARS),
                        error.message(),
                        error.stack());
        Task task = store.taskGet(held.taskId)
                .filter(t -> t.status() == TaskStatus.RUNNING
                        && t.attempt() == held.attempt
                        && held.workerId.equals(t.workerId()))
                .orElseThrow(() -> lost(held));
        Instant now = now();
        AttemptOutcome outcome = task.cancelRequested()
                ? new AttemptOutcome(
                        held.taskId,
                        held.attempt,
                        held.workerId,
                        TaskStatus.CANCELLED,
                        null,
                        e,
                        null,
                        now,
                        "stopped by the worker after a cancel request")
                : AttemptOutcomes.afterFailure(
                        task,
                        held.workerId,
                        e,
                        retryable == null || retryable,
                        retryPolicy,
                        now,
                        ThreadLocalRandom.current()::nextDouble);
        return end(held, outcome, now);
    }

    /**
     * Gives the attempt back unfinished, as a stopping worker does: the task is ready again at once
     * and the attempt does not count (a task whose cancel was requested is cancelled instead).
     *
     * @throws LeaseLostException when the worker no longer holds the attempt
     */
    public ReportOutcome release(AttemptRef ref, String reason) {
        Checks checks = new Checks();
        Held held = checks.held(ref);
        checks.throwIfAny();
        refuseOtherTenant(ref, held);

        Instant now = now();
        String why = reason == null || reason.isBlank() ? "released by the worker" : Texts.truncate(reason, 500);
        return end(held, AttemptOutcome.released(held.taskId, held.attempt, held.workerId, now, why), now);
    }

    /** The worker says it is shutting down: its registry row turns STOPPED. Unknown ids are ignored. */
    public void stopped(String workerId) {
        Checks checks = new Checks();
        String id = checks.workerId(workerId);
        checks.throwIfAny();
        registrations.stopped(id, now());
    }

    // ---- internals --------------------------------------------------------------------------------

    private ReportOutcome end(Held held, AttemptOutcome outcome, Instant now) {
        boolean applied = store.taskSetOutcomeIfRunningMany(List.of(outcome)).getFirst();
        if (!applied) {
            throw lost(held);
        }
        registrations.alive(held.workerId, now);
        Optional<Task> after = store.taskGet(held.taskId);
        TaskStatus status = outcome.status();
        if (status == TaskStatus.QUEUED && after.isPresent() && after.get().status() == TaskStatus.CANCELLED) {
            status = TaskStatus.CANCELLED; // a release of a task whose cancel was requested
        }
        TaskStatus ended = status;
        after.ifPresent(t -> tell(() -> listener.attemptFinished(
                t, ended, t.startedAt() == null ? Duration.ZERO : Duration.between(t.startedAt(), now))));
        return new ReportOutcome(status, status == TaskStatus.RETRYING ? outcome.runAt() : null, after.orElse(null));
    }

    private void checkResultSize(String resultJson) {
        // Three bytes per char at most in UTF-8: most results are far below and need no encoding.
        if ((long) resultJson.length() * 3 > RemoteLimits.MAX_RESULT_BYTES) {
            int bytes = resultJson.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > RemoteLimits.MAX_RESULT_BYTES) {
                throw new PayloadTooLargeException("result", bytes, RemoteLimits.MAX_RESULT_BYTES);
            }
        }
    }

    /**
     * A report naming a tenant, for a task of another one, fails as a report for a missing task does:
     * a lost lease with no current state, so it tells nothing about the other tenant's task.
     */
    private void refuseOtherTenant(AttemptRef ref, Held held) {
        if (ref.tenantId() != null
                && store.taskGet(held.taskId)
                        .filter(t -> !t.tenantId().equals(ref.tenantId()))
                        .isPresent()) {
            throw new LeaseLostException(held.taskId, held.attempt, held.workerId, null);
        }
    }

    private LeaseLostException lost(Held held) {
        Task current = store.taskGet(held.taskId).orElse(null);
        return new LeaseLostException(held.taskId, held.attempt, held.workerId, current);
    }

    private static String stream(String s) {
        if (s == null) {
            return TaskLogLine.STDOUT;
        }
        return switch (s) {
            case TaskLogLine.STDOUT, TaskLogLine.STDERR, TaskLogLine.SYSTEM -> s;
            default -> null;
        };
    }

    private void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("engine listener failed", e);
        }
    }

    private Instant now() {
        return Millis.now(clock);
    }

    /** An attempt reference that passed the checks. */
    private record Held(String taskId, String workerId, int attempt) {}

    /** Collects every rejected field of one request, so the answer names them all at once. */
    private static final class Checks {
        private final List<FieldError> errors = new ArrayList<>();

        void error(String field, String message) {
            errors.add(new FieldError(field, message));
        }

        void throwIfAny() {
            if (!errors.isEmpty()) {
                throw new TaskValidationException(errors);
            }
        }

        String workerId(String id) {
            if (id == null || id.isBlank()) {
                error("workerId", "is required");
                return null;
            }
            if (id.length() > RemoteLimits.MAX_WORKER_ID_CHARS || id.chars().anyMatch(Character::isISOControl)) {
                error(
                        "workerId",
                        "must be 1.." + RemoteLimits.MAX_WORKER_ID_CHARS + " characters without control characters");
                return null;
            }
            return id;
        }

        /** The attempt reference of a report; a task id that cannot name a task fails like a lost lease. */
        Held held(AttemptRef ref) {
            String workerId = workerId(ref.workerId());
            Integer attempt = ref.attempt();
            if (attempt == null) {
                error("attempt", "is required: the attempt number the claim handed out");
            } else if (attempt < 1) {
                error("attempt", "must be at least 1, was " + attempt);
            }
            if (workerId == null || attempt == null || attempt < 1) {
                return null;
            }
            String taskId = ref.taskId() == null ? "" : ref.taskId();
            return new Held(TaskIds.isValid(taskId) ? taskId.toLowerCase(Locale.ROOT) : taskId, workerId, attempt);
        }

        List<String> queues(List<String> queues) {
            if (queues == null || queues.isEmpty()) {
                error("queues", "needs at least one queue");
                return List.of();
            }
            if (queues.size() > RemoteLimits.MAX_QUEUES) {
                error("queues", "at most " + RemoteLimits.MAX_QUEUES + " queues, got " + queues.size());
                return List.of();
            }
            List<String> names = new ArrayList<>();
            for (int i = 0; i < queues.size(); i++) {
                String q = queues.get(i);
                if (q == null
                        || q.length() > TaskLimits.MAX_QUEUE_CHARS
                        || !TaskLimits.NAME.matcher(q).matches()) {
                    error(
                            "queues[" + i + "]",
                            "must be a queue name: 1.." + TaskLimits.MAX_QUEUE_CHARS
                                    + " letters, digits and . _ : -, starting with a letter or digit");
                } else if (!names.contains(q)) {
                    names.add(q);
                }
            }
            return names;
        }

        int leaseSeconds(Integer value) {
            return range(
                    "leaseSeconds",
                    value,
                    RemoteLimits.MIN_LEASE_SECONDS,
                    RemoteLimits.MAX_LEASE_SECONDS,
                    RemoteLimits.DEFAULT_LEASE_SECONDS);
        }

        int range(String field, Integer value, int min, int max, int fallback) {
            if (value == null) {
                return fallback;
            }
            if (value < min || value > max) {
                error(field, "must be between " + min + " and " + max + ", was " + value);
                return fallback;
            }
            return value;
        }

        String text(String field, String value, int maxChars) {
            if (value == null || value.isBlank()) {
                return null;
            }
            if (value.length() > maxChars) {
                error(field, "must be at most " + maxChars + " characters");
                return null;
            }
            return value;
        }
    }
}
