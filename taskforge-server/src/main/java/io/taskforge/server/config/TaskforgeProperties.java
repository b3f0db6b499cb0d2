package io.taskforge.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The {@code taskforge.*} settings. Each is also an environment variable ({@code
 * taskforge.worker.concurrency} is {@code TASKFORGE_WORKER_CONCURRENCY}) and, for the common ones, a
 * command-line option. {@code taskforge.port} and {@code taskforge.bind} feed {@code server.port} and
 * {@code server.address} (see {@code application.properties}).
 *
 * @param db JDBC URL of the store; null means the SQLite file {@code <dataDir>/taskforge.db}
 * @param dataDir where the embedded SQLite database lives; relative to the working directory
 * @param dbPoolSize most connections the process opens to the store; null lets the store choose
 *     (SQLite 8, PostgreSQL 10). A worker's claims, completions and lease renewals each take one
 *     for a moment, as does every API request that reads or writes.
 */
@ConfigurationProperties("taskforge")
public record TaskforgeProperties(
        String db,
        @DefaultValue("./data") Path dataDir,
        @DefaultValue Worker worker,
        @DefaultValue Handlers handlers,
        @DefaultValue Api api,
        @DefaultValue Retention retention,
        Integer dbPoolSize) {

    public TaskforgeProperties {
        if (dbPoolSize != null && (dbPoolSize < 1 || dbPoolSize > 1000)) {
            throw new IllegalArgumentException("taskforge.db-pool-size must be 1..1000, was " + dbPoolSize);
        }
    }

    /**
     * @param enabled whether this process runs tasks; an API-only server sets it false
     * @param id the worker's id; null picks {@code host-pid-xxxx}
     * @param concurrency tasks run at once; null picks the engine default (twice the CPUs, at least 4)
     * @param claimBatchSize most tasks claimed in one statement; null claims for every free slot (up to
     *     1000), which is what a worker with many slots needs to keep them busy
     * @param queues the queues this worker claims from
     * @param shutdownGrace how long running tasks may finish when the process stops before they are
     *     interrupted and handed back to the queue
     * @param leaseDuration how long a claim holds without renewal: a dead worker's tasks come back to
     *     their queue this long after its last renewal
     * @param heartbeatInterval how often leases are renewed and the worker registry updated; at most a
     *     third of the lease
     * @param pollInterval how often an idle worker looks for work when no wake-up signal arrives
     */
    public record Worker(
            @DefaultValue("true") boolean enabled,
            String id,
            Integer concurrency,
            Integer claimBatchSize,
            @DefaultValue("default") List<String> queues,
            @DefaultValue("30s") Duration shutdownGrace,
            @DefaultValue("30s") Duration leaseDuration,
            @DefaultValue("10s") Duration heartbeatInterval,
            @DefaultValue("1s") Duration pollInterval) {}

    /**
     * How long finished tasks stay, with their events and log lines; the leader removes older ones
     * every minute. {@code 0} keeps them forever.
     *
     * @param finished SUCCEEDED and CANCELLED tasks, counted from when they finished, and deleted
     *     tasks, counted from their deletion
     * @param failed FAILED tasks (the dead letters), counted from when they failed
     * @param audit events of the audit log, counted from when they were recorded
     */
    public record Retention(
            @DefaultValue("7d") Duration finished,
            @DefaultValue("30d") Duration failed,
            @DefaultValue("365d") Duration audit) {}

    public record Handlers(@DefaultValue Shell shell) {}

    /**
     * @param enabled false removes the {@code shell} and {@code script} task types: nobody can run commands
     *     or stored scripts through the API
     */
    public record Shell(@DefaultValue("true") boolean enabled) {}

    /**
     * Bounds of the HTTP API.
     *
     * @param maxRequestSize largest request body, except batch creates; a single task's payload may be
     *     1 MiB of JSON, and its escaping can make the body a little larger
     * @param maxBatchRequestSize largest body of {@code POST /tasks/batch} (up to 1000 tasks)
     * @param maxLogStreams SSE log streams open at once; more answer 503
     * @param logStreamPollInterval how often an open log stream looks for new lines and status changes
     * @param logStreamHeartbeat how often an idle stream sends a comment so proxies keep it open
     * @param logStreamMaxDuration how long one stream stays open; the client reconnects with {@code
     *     Last-Event-ID} and loses nothing
     */
    public record Api(
            @DefaultValue("2MB") DataSize maxRequestSize,
            @DefaultValue("64MB") DataSize maxBatchRequestSize,
            @DefaultValue("256") int maxLogStreams,
            @DefaultValue("250ms") Duration logStreamPollInterval,
            @DefaultValue("15s") Duration logStreamHeartbeat,
            @DefaultValue("1h") Duration logStreamMaxDuration) {}

    /** The JDBC URL to open: the configured one, or the SQLite file in the data directory. */
    public String storeUrl() {
        if (db != null && !db.isBlank()) {
            return db.strip();
        }
        return "jdbc:sqlite:" + sqliteFile();
    }

    /** The embedded database file, as an absolute path. */
    public Path sqliteFile() {
        return dataDir.toAbsolutePath().normalize().resolve("taskforge.db");
    }

    /** True when no URL was given and the store is the SQLite file in the data directory. */
    public boolean usesDefaultStore() {
        return db == null || db.isBlank();
    }
}
