package io.taskforge.server.process;

import static io.taskforge.server.process.ProcessTestSupport.client;
import static io.taskforge.server.process.ProcessTestSupport.count;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskforge.client.TaskforgeClient;
import io.taskforge.queue.QueueService;
import io.taskforge.store.TaskStore;
import io.taskforge.store.jdbc.JdbcStores;
import io.taskforge.task.NewTask;
import io.taskforge.task.Task;
import io.taskforge.task.TaskLogLine;
import io.taskforge.task.TaskStatus;
import io.taskforge.testkit.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Queue limits hold across worker processes (separate JVMs, as on two hosts) sharing one PostgreSQL
 * database: the "Done when" for rate limits, and the same for a concurrency limit.
 */
class QueueLimitsProcessTest {
    private static final String QUEUE = "limited";

    @Test
    @Timeout(300)
    void with_a_rate_limit_of_five_per_second_no_second_of_starts_across_two_workers_holds_more_than_six()
            throws Exception {
        int tasks = 40;
        try (PostgresTestDatabase db = PostgresTestDatabase.create();
                TaskStore store = JdbcStores.open(db.jdbcUrl())) {
            TaskforgeClient client = client(store);
            new QueueService(store, Clock.systemUTC()).update(QUEUE, null, null, 5.0);
            List<NewTask> batch = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                batch.add(NewTask.ofType("noop").queue(QUEUE).build());
            }

            List<Task> submitted;
            try (TaskforgeProcess a = TaskforgeProcess.start("worker-a", env("worker-a"), workerArgs(db, 8));
                    TaskforgeProcess b = TaskforgeProcess.start("worker-b", env("worker-b"), workerArgs(db, 8))) {
                awaitStarted(a, b);
                submitted = client.submitMany(batch);
                awaitAllSucceeded(client, tasks, Duration.ofSeconds(120), a, b);
            }

            List<Instant> starts = new ArrayList<>();
            Map<String, Integer> byWorker = new HashMap<>();
            for (Task t : submitted) {
                Task done = client.get(t.id()).orElseThrow();
                assertThat(done.attempt()).isEqualTo(1);
                starts.add(done.startedAt());
                byWorker.merge(done.workerId(), 1, Integer::sum);
            }
            for (Instant s : starts) {
                List<Instant> window = starts.stream()
                        .filter(u -> !u.isBefore(s) && u.isBefore(s.plusSeconds(1)))
                        .sorted()
                        .toList();
                // A bucket of max(1, 5 / 5) = 1 token refilled at 5 per second: 5 + 1 at most.
                assertThat(window).as("starts in the second from %s", s).hasSizeLessThanOrEqualTo(6);
            }
            assertThat(byWorker).as("tasks started by each worker").containsOnlyKeys("worker-a", "worker-b");
        }
    }

    @Test
    @Timeout(300)
    void with_a_concurrency_limit_of_two_two_workers_of_four_slots_never_run_more_than_two_at_once() throws Exception {
        int tasks = 12;
        try (PostgresTestDatabase db = PostgresTestDatabase.create();
                TaskStore store = JdbcStores.open(db.jdbcUrl())) {
            TaskforgeClient client = client(store);
            new QueueService(store, Clock.systemUTC()).update(QUEUE, null, 2, null);
            // A sleep that says when it really began and ended, as log lines the worker stamps.
            List<NewTask> batch = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                batch.add(NewTask.ofType("shell")
                        .queue(QUEUE)
                        .payload("{\"command\": \"echo began; sleep 0.4; echo ended\"}")
                        .build());
            }

            List<Task> submitted;
            try (TaskforgeProcess a = TaskforgeProcess.start("worker-a", env("worker-a"), workerArgs(db, 4));
                    TaskforgeProcess b = TaskforgeProcess.start("worker-b", env("worker-b"), workerArgs(db, 4))) {
                awaitStarted(a, b);
                submitted = client.submitMany(batch);
                awaitAllSucceeded(client, tasks, Duration.ofSeconds(120), a, b);
            }

            // The recorded startedAt is the claim's time, taken before the claim waits its turn on the
            // queue's row; it may precede the end of a task whose slot the claim then took. The times
            // the handlers logged lie inside the tasks' RUNNING spans, so they may not overlap more.
            List<Instant[]> runs = new ArrayList<>();
            for (Task t : submitted) {
                List<TaskLogLine> lines =
                        client.logs(t.id(), 0, 100).orElseThrow().items();
                assertThat(lines).extracting(TaskLogLine::line).containsSubsequence("began", "ended");
                runs.add(new Instant[] {at(lines, "began"), at(lines, "ended")});
            }
            for (Instant[] run : runs) {
                long running = runs.stream()
                        .filter(r -> !r[0].isAfter(run[0]) && r[1].isAfter(run[0]))
                        .count();
                assertThat(running).as("tasks running at %s", run[0]).isLessThanOrEqualTo(2);
            }
            // From the history, in the order the database recorded it: a start adds one, leaving
            // RUNNING takes one away. Claims of a limited queue take turns on its row, so this
            // order never shows more running tasks than there were.
            assertThat(mostRunningAtOnce(db.jdbcUrl())).isLessThanOrEqualTo(2);
        }
    }

    private static Instant at(List<TaskLogLine> lines, String line) {
        return lines.stream()
                .filter(l -> l.line().equals(line))
                .findFirst()
                .orElseThrow()
                .at();
    }

    private static Map<String, String> env(String workerId) {
        return Map.of("TASKFORGE_WORKER_ID", workerId);
    }

    private static String[] workerArgs(PostgresTestDatabase db, int concurrency) {
        return new String[] {
            "worker", "--db", db.jdbcUrl(), "--queues", QUEUE, "--concurrency", String.valueOf(concurrency)
        };
    }

    /** Both started before any task exists, so that both take part from the first one. */
    private static void awaitStarted(TaskforgeProcess a, TaskforgeProcess b) throws Exception {
        a.awaitOutput("Taskforge engine started", Duration.ofSeconds(90));
        b.awaitOutput("Taskforge engine started", Duration.ofSeconds(90));
    }

    private static void awaitAllSucceeded(
            TaskforgeClient client, int tasks, Duration atMost, TaskforgeProcess a, TaskforgeProcess b)
            throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (count(client, TaskStatus.SUCCEEDED) < tasks) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + count(client, TaskStatus.SUCCEEDED) + " of " + tasks
                        + " tasks finished\n--- worker-a\n" + a.output() + "\n--- worker-b\n" + b.output());
            }
            assertThat(a.isAlive() && b.isAlive())
                    .as("both workers alive\n%s\n%s", a.output(), b.output())
                    .isTrue();
            Thread.sleep(200);
        }
    }

    private static int mostRunningAtOnce(String jdbcUrl) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                PreparedStatement ps = c.prepareStatement("SELECT from_status, to_status FROM tf_task_event"
                        + " WHERE from_status IS DISTINCT FROM to_status ORDER BY id");
                ResultSet rs = ps.executeQuery()) {
            int running = 0;
            int most = 0;
            while (rs.next()) {
                if ("RUNNING".equals(rs.getString("to_status"))) {
                    running++;
                }
                if ("RUNNING".equals(rs.getString("from_status"))) {
                    running--;
                }
                most = Math.max(most, running);
            }
            return most;
        }
    }
}
