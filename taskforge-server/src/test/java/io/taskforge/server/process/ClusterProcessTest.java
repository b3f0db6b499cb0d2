package io.taskforge.server.process;

import static io.taskforge.server.process.ProcessTestSupport.client;
import static io.taskforge.server.process.ProcessTestSupport.count;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskforge.client.TaskforgeClient;
import io.taskforge.store.TaskStore;
import io.taskforge.store.jdbc.JdbcStores;
import io.taskforge.task.NewTask;
import io.taskforge.task.Task;
import io.taskforge.task.TaskQuery;
import io.taskforge.task.TaskStatus;
import io.taskforge.testkit.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two worker processes (separate JVMs, as on two hosts) drain one PostgreSQL queue: every task runs
 * exactly once and none is left unfinished.
 */
class ClusterProcessTest {
    private static final int TASKS = 10_000;

    @Test
    @Timeout(300)
    void two_worker_processes_run_each_of_ten_thousand_tasks_exactly_once() throws Exception {
        try (PostgresTestDatabase db = PostgresTestDatabase.create();
                TaskStore store = JdbcStores.open(db.jdbcUrl())) {
            TaskforgeClient client = client(store);
            // Both workers are up before the first task exists, so neither drains the queue alone.
            try (TaskforgeProcess a = worker("worker-a", db);
                    TaskforgeProcess b = worker("worker-b", db)) {
                for (int i = 0; i < TASKS; i += 1_000) {
                    List<NewTask> batch = new ArrayList<>();
                    for (int j = 0; j < 1_000; j++) {
                        batch.add(NewTask.ofType("noop").build());
                    }
                    client.submitMany(batch);
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
                while (count(client, TaskStatus.SUCCEEDED) < TASKS) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("only " + count(client, TaskStatus.SUCCEEDED) + " of " + TASKS
                                + " tasks finished\n--- worker-a\n" + a.output() + "\n--- worker-b\n" + b.output());
                    }
                    assertThat(a.isAlive() && b.isAlive())
                            .as("both workers alive\n%s\n%s", a.output(), b.output())
                            .isTrue();
                    Thread.sleep(250);
                }
            }

            assertThat(count(client, TaskStatus.SUCCEEDED)).isEqualTo(TASKS);
            assertThat(count(client, TaskStatus.QUEUED, TaskStatus.RUNNING, TaskStatus.RETRYING, TaskStatus.FAILED))
                    .isZero();
            Map<String, Long> byWorker = new HashMap<>();
            String cursor = null;
            do {
                var page = client.list(TaskQuery.builder()
                        .status(TaskStatus.SUCCEEDED)
                        .limit(500)
                        .cursor(cursor)
                        .build());
                for (Task t : page.items()) {
                    assertThat(t.attempt()).as("attempts of %s", t.id()).isEqualTo(1);
                    byWorker.merge(t.workerId(), 1L, Long::sum);
                }
                cursor = page.nextCursor();
            } while (cursor != null);
            assertThat(byWorker).containsOnlyKeys("worker-a", "worker-b");
            // Exactly one start per task: no task was claimed twice, even briefly.
            assertThat(startedEvents(db.jdbcUrl())).isEqualTo(TASKS);
        }
    }

    private static TaskforgeProcess worker(String id, PostgresTestDatabase db) throws Exception {
        TaskforgeProcess p = TaskforgeProcess.start(
                id, Map.of("TASKFORGE_WORKER_ID", id), "worker", "--db", db.jdbcUrl(), "--concurrency", "16");
        try {
            p.awaitOutput("Taskforge engine started", Duration.ofSeconds(90));
        } catch (AssertionError | Exception e) {
            p.close();
            throw e;
        }
        return p;
    }

    private static long startedEvents(String jdbcUrl) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM tf_task_event WHERE type = 'started'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
