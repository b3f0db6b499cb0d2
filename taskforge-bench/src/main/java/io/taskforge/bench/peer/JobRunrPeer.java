package io.taskforge.bench.peer;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.stream.IntStream;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.server.JobActivator;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.sql.postgres.PostgresStorageProvider;
import org.jobrunr.utils.mapper.JsonMapper;
import org.jobrunr.utils.mapper.jackson3.Jackson3JsonMapper;

/**
 * JobRunr (open-source edition) with its PostgreSQL storage provider, which creates its own tables.
 * Jobs are static method calls ({@link PeerJobs}); bulk insert is {@code enqueue(Stream, lambda)},
 * which JobRunr saves in batches. The background job server uses JobRunr's defaults (its worker
 * count follows the machine's processors) except the poll interval, lowered from 15 s to 5 s, the
 * smallest JobRunr accepts: a new job waits at most one poll interval for an idle server.
 */
final class JobRunrPeer implements Peer {
    static final Duration POLL_INTERVAL = Duration.ofSeconds(5);

    private final HikariDataSource dataSource;
    private final JsonMapper json = new Jackson3JsonMapper();
    private final StorageProvider storage;
    private final JobScheduler scheduler;
    private BackgroundJobServer server;

    JobRunrPeer(String jdbcUrl, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("jobrunr");
        this.dataSource = new HikariDataSource(config);
        this.storage = new PostgresStorageProvider(dataSource);
        storage.setJobMapper(new JobMapper(json));
        this.scheduler = new JobScheduler(storage);
    }

    @Override
    public void insertBulk(int count) {
        scheduler.enqueue(IntStream.range(0, count).boxed(), i -> PeerJobs.noop(i));
    }

    @Override
    public void startProcessing() {
        JobActivator noInstances = new JobActivator() {
            @Override
            public <T> T activateJob(Class<T> type) {
                return null; // every job is a static method
            }
        };
        server = new BackgroundJobServer(
                storage,
                json,
                noInstances,
                BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                        .andPollInterval(POLL_INTERVAL));
        server.start();
    }

    @Override
    public long pending() {
        return storage.countJobs(StateName.ENQUEUED)
                + storage.countJobs(StateName.PROCESSING)
                + storage.countJobs(StateName.SCHEDULED);
    }

    @Override
    public void submitOne() {
        scheduler.enqueue(() -> PeerJobs.noop(0));
    }

    @Override
    public void submitTimed(int index) {
        scheduler.enqueue(() -> PeerJobs.timed(index));
    }

    @Override
    public String settings() {
        return "JobRunr defaults, poll interval " + POLL_INTERVAL.toSeconds() + " s (its minimum), Jackson 3 mapper";
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop();
        }
        storage.close();
        dataSource.close();
    }
}
