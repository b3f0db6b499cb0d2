package io.taskforge.engine;

import io.taskforge.client.TaskLimits;
import io.taskforge.retry.RetryPolicy;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How an engine runs, validated once when built and immutable after. Every setting names its
 * valid range in the error when it is out of it.
 *
 * @param workerEnabled whether this process runs tasks (false: API or maintenance only)
 * @param workerId unique per process; appears in task rows and the worker registry
 * @param queues the queues this worker claims from
 * @param concurrency how many tasks run at once (virtual threads bounded by explicit slots)
 * @param leaseDuration how long a claim holds without renewal; a dead worker's tasks come back
 *     this long after its last renewal
 * @param heartbeatInterval how often leases are renewed; at most a third of the lease, so one
 *     missed renewal never loses a task
 * @param pollInterval how often an idle worker looks for work when no signal arrives (the
 *     fallback; PostgreSQL NOTIFY and in-process signals wake it at once)
 * @param claimBatchSize most tasks claimed in one statement
 * @param shutdownGrace how long a stopping worker lets running tasks finish before it interrupts
 *     them and gives them back to the queue
 * @param maintenanceEnabled whether this process competes for leader duties (promoting due tasks,
 *     rescuing expired leases, marking lost workers)
 * @param rescueInterval how often the leader looks for expired leases
 * @param retryPolicy the backoff for task types whose handler names none
 * @param finishedRetention how long SUCCEEDED and CANCELLED tasks (and soft-deleted ones) are kept
 *     after they finished; the leader removes older ones with their events and logs. Null keeps
 *     them forever
 * @param failedRetention how long FAILED tasks, the dead letters people come back to, are kept;
 *     null keeps them forever
 */
public record EngineConfig(
        boolean workerEnabled,
        String workerId,
        List<String> queues,
        int concurrency,
        Duration leaseDuration,
        Duration heartbeatInterval,
        Duration pollInterval,
        int claimBatchSize,
        Duration shutdownGrace,
        boolean maintenanceEnabled,
        Duration rescueInterval,
        RetryPolicy retryPolicy,
        Duration finishedRetention,
        Duration failedRetention) {

    public EngineConfig {
        Objects.requireNonNull(workerId, "workerId");
        queues = List.copyOf(queues);
        require(!workerId.isBlank() && workerId.length() <= 200, "workerId", "1..200 characters", workerId);
        require(!queues.isEmpty(), "queues", "at least one queue", queues);
        for (String q : queues) {
            require(
                    q.length() <= TaskLimits.MAX_QUEUE_CHARS
                            && TaskLimits.NAME.matcher(q).matches(),
                    "queues",
                    "names of letters, digits and . _ : -",
                    q);
        }
        require(concurrency >= 1 && concurrency <= 10_000, "concurrency", "1..10000", concurrency);
        require(positive(leaseDuration), "leaseDuration", "> 0", leaseDuration);
        require(
                positive(heartbeatInterval) && heartbeatInterval.multipliedBy(3).compareTo(leaseDuration) <= 0,
                "heartbeatInterval",
                "> 0 and at most a third of leaseDuration (" + leaseDuration + ")",
                heartbeatInterval);
        require(positive(pollInterval), "pollInterval", "> 0", pollInterval);
        require(claimBatchSize >= 1 && claimBatchSize <= 10_000, "claimBatchSize", "1..10000", claimBatchSize);
        require(shutdownGrace != null && !shutdownGrace.isNegative(), "shutdownGrace", ">= 0", shutdownGrace);
        require(positive(rescueInterval), "rescueInterval", "> 0", rescueInterval);
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        require(
                finishedRetention == null || positive(finishedRetention),
                "finishedRetention",
                "> 0 or none",
                finishedRetention);
        require(
                failedRetention == null || positive(failedRetention),
                "failedRetention",
                "> 0 or none",
                failedRetention);
    }

    /** SUCCEEDED and CANCELLED tasks are kept a week by default. */
    public static final Duration DEFAULT_FINISHED_RETENTION = Duration.ofDays(7);

    /** FAILED tasks are kept a month by default: someone should look at them first. */
    public static final Duration DEFAULT_FAILED_RETENTION = Duration.ofDays(30);

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .workerEnabled(workerEnabled)
                .workerId(workerId)
                .queues(queues)
                .concurrency(concurrency)
                .leaseDuration(leaseDuration)
                .heartbeatInterval(heartbeatInterval)
                .pollInterval(pollInterval)
                .claimBatchSize(claimBatchSize)
                .shutdownGrace(shutdownGrace)
                .maintenanceEnabled(maintenanceEnabled)
                .rescueInterval(rescueInterval)
                .retryPolicy(retryPolicy)
                .finishedRetention(finishedRetention)
                .failedRetention(failedRetention);
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    private static void require(boolean ok, String setting, String range, Object value) {
        if (!ok) {
            throw new IllegalArgumentException("engine setting '" + setting + "' must be " + range + ", was " + value);
        }
    }

    /** A worker id that tells people where the worker runs: {@code host-pid-xxxx}. */
    public static String defaultWorkerId() {
        String host = hostName();
        long pid = ProcessHandle.current().pid();
        String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        String id = (host + "-" + pid + "-" + suffix).toLowerCase(Locale.ROOT);
        return id.length() > 200 ? id.substring(id.length() - 200) : id;
    }

    /** This machine's name as the worker registry shows it; looked up once (it may ask DNS). */
    static String hostName() {
        return HostName.VALUE;
    }

    private static final class HostName {
        static final String VALUE = lookUp();

        private static String lookUp() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (Exception e) {
                return "localhost";
            }
        }
    }

    /**
     * The default claim batch: a worker claims as many tasks as it has free slots in one statement,
     * up to this many. A claim costs one round trip and one commit whatever its size, so claiming
     * for every free slot at once is what lets a worker with many slots keep them busy; it never
     * takes more than it starts at once, so other workers are not starved.
     */
    public static final int DEFAULT_MAX_CLAIM_BATCH = 1_000;

    public static final class Builder {
        private boolean workerEnabled = true;
        private String workerId;
        private List<String> queues = List.of("default");
        private int concurrency = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        private Duration leaseDuration = Duration.ofSeconds(30);
        private Duration heartbeatInterval = Duration.ofSeconds(10);
        private Duration pollInterval = Duration.ofSeconds(1);
        /** Null: as many as the worker has slots, up to {@link #DEFAULT_MAX_CLAIM_BATCH}. */
        private Integer claimBatchSize;

        private Duration shutdownGrace = Duration.ofSeconds(30);
        private boolean maintenanceEnabled = true;
        private Duration rescueInterval = Duration.ofSeconds(5);
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private Duration finishedRetention = DEFAULT_FINISHED_RETENTION;
        private Duration failedRetention = DEFAULT_FAILED_RETENTION;

        public Builder workerEnabled(boolean v) {
            workerEnabled = v;
            return this;
        }

        public Builder workerId(String v) {
            workerId = v;
            return this;
        }

        public Builder queues(List<String> v) {
            queues = v;
            return this;
        }

        public Builder queues(String... v) {
            queues = List.of(v);
            return this;
        }

        public Builder concurrency(int v) {
            concurrency = v;
            return this;
        }

        public Builder leaseDuration(Duration v) {
            leaseDuration = v;
            return this;
        }

        public Builder heartbeatInterval(Duration v) {
            heartbeatInterval = v;
            return this;
        }

        public Builder pollInterval(Duration v) {
            pollInterval = v;
            return this;
        }

        public Builder claimBatchSize(int v) {
            claimBatchSize = v;
            return this;
        }

        public Builder shutdownGrace(Duration v) {
            shutdownGrace = v;
            return this;
        }

        public Builder maintenanceEnabled(boolean v) {
            maintenanceEnabled = v;
            return this;
        }

        public Builder rescueInterval(Duration v) {
            rescueInterval = v;
            return this;
        }

        public Builder retryPolicy(RetryPolicy v) {
            retryPolicy = v;
            return this;
        }

        /** Null keeps finished tasks forever. */
        public Builder finishedRetention(Duration v) {
            finishedRetention = v;
            return this;
        }

        /** Null keeps failed tasks forever. */
        public Builder failedRetention(Duration v) {
            failedRetention = v;
            return this;
        }

        public EngineConfig build() {
            return new EngineConfig(
                    workerEnabled,
                    workerId == null ? defaultWorkerId() : workerId,
                    queues,
                    concurrency,
                    leaseDuration,
                    heartbeatInterval,
                    pollInterval,
                    claimBatchSize != null ? claimBatchSize : Math.min(concurrency, DEFAULT_MAX_CLAIM_BATCH),
                    shutdownGrace,
                    maintenanceEnabled,
                    rescueInterval,
                    retryPolicy,
                    finishedRetention,
                    failedRetention);
        }
    }
}
