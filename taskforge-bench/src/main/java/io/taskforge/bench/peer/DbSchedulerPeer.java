package io.taskforge.bench.peer;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * db-scheduler with one one-time task type. Its table is created from the PostgreSQL definition
 * its documentation gives. The scheduler uses the settings its documentation recommends for
 * throughput on PostgreSQL: the lock-and-fetch polling strategy ({@code SELECT ... FOR UPDATE SKIP
 * LOCKED}, fetching again when half the threads are idle), immediate execution of jobs scheduled
 * through the scheduler itself, a 1 s polling interval, and its default 10 threads. Executions
 * are deleted when they complete, so the drain is over when the table is empty.
 */
final class DbSchedulerPeer implements Peer {
    static final int THREADS = 10;
    static final Duration POLLING_INTERVAL = Duration.ofSeconds(1);

    private static final String TABLE = """
            CREATE TABLE scheduled_tasks (
                task_name            text                     NOT NULL,
                task_instance        text                     NOT NULL,
                task_data            bytea,
                execution_time       timestamp with time zone NOT NULL,
                picked               boolean                  NOT NULL,
                picked_by            text,
                last_success         timestamp with time zone,
                last_failure         timestamp with time zone,
                consecutive_failures int,
                last_heartbeat       timestamp with time zone,
                version              bigint                   NOT NULL,
                priority             smallint,
                PRIMARY KEY (task_name, task_instance)
            );
            CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
            CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
            CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);
            """;

    private final HikariDataSource dataSource;
    private final OneTimeTask<Void> task;
    private final SchedulerClient client;
    private final AtomicLong submitted = new AtomicLong();
    private Scheduler scheduler;

    DbSchedulerPeer(String jdbcUrl, int poolSize) throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("db-scheduler");
        this.dataSource = new HikariDataSource(config);
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            st.execute(TABLE);
        }
        // Instance ids: "t<index>" for timed jobs, anything else for plain ones.
        this.task = Tasks.oneTime("noop").execute((instance, ctx) -> {
            String id = instance.getId();
            if (id.startsWith("t")) {
                PeerJobs.timed(Integer.parseInt(id.substring(1)));
            } else {
                PeerJobs.noop(0);
            }
        });
        this.client = SchedulerClient.Builder.create(dataSource, task).build();
    }

    @Override
    public void insertBulk(int count) {
        Instant now = Instant.now();
        List<TaskInstance<?>> all = IntStream.range(0, count)
                .<TaskInstance<?>>mapToObj(i -> task.instance("n" + i))
                .toList();
        client.scheduleBatch(all, now);
    }

    @Override
    public void startProcessing() {
        scheduler = Scheduler.create(dataSource, task)
                .threads(THREADS)
                .pollingInterval(POLLING_INTERVAL)
                .pollUsingLockAndFetch(0.5, 1.0)
                .enableImmediateExecution()
                .build();
        scheduler.start();
    }

    @Override
    public long pending() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM scheduled_tasks")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void submitOne() {
        client.scheduleIfNotExists(task.instance("s" + submitted.incrementAndGet()), Instant.now());
    }

    @Override
    public void submitTimed(int index) {
        // Through the scheduler, so that immediate execution sees it.
        SchedulerClient via = scheduler != null ? scheduler : client;
        via.scheduleIfNotExists(task.instance("t" + index), Instant.now());
    }

    @Override
    public String settings() {
        return "lock-and-fetch polling (0.5, 1.0), immediate execution, polling interval "
                + POLLING_INTERVAL.toSeconds() + " s, " + THREADS + " threads";
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.stop();
        }
        dataSource.close();
    }
}
