package io.taskforge.server.process;

import static io.taskforge.server.process.ProcessTestSupport.client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskforge.client.TaskforgeClient;
import io.taskforge.server.testing.TestData;
import io.taskforge.store.TaskStore;
import io.taskforge.store.WorkerStatus;
import io.taskforge.store.jdbc.JdbcStores;
import io.taskforge.task.NewTask;
import io.taskforge.task.Task;
import io.taskforge.task.TaskEvent;
import io.taskforge.task.TaskEventType;
import io.taskforge.task.TaskLogLine;
import io.taskforge.task.TaskStatus;
import io.taskforge.testkit.PostgresTestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A worker process killed with SIGKILL in the middle of a task: another worker process takes the
 * task over once the dead worker's lease expires and runs it to SUCCEEDED. On PostgreSQL (two
 * hosts, in effect) and on one shared SQLite file (two processes on one host).
 */
class WorkerCrashTest {
    /** First attempt: says so and hangs; later attempts finish. */
    private static final String COMMAND = "if [ \"$TASKFORGE_ATTEMPT\" = 1 ]; then echo 'first attempt'; sleep 120; fi;"
            + " echo \"attempt $TASKFORGE_ATTEMPT done\"";

    @Test
    @Timeout(180)
    void a_task_of_a_killed_worker_is_run_again_by_another_worker_on_postgresql() throws Exception {
        try (PostgresTestDatabase db = PostgresTestDatabase.create();
                TaskStore store = JdbcStores.open(db.jdbcUrl())) {
            crashAndRecover(store, "--db", db.jdbcUrl());
        }
    }

    @Test
    @Timeout(180)
    void a_task_of_a_killed_worker_is_run_again_by_another_worker_on_a_shared_sqlite_file() throws Exception {
        Path dataDir = TestData.directory("crash-");
        try (TaskStore store = JdbcStores.sqlite(dataDir.resolve("taskforge.db"))) {
            crashAndRecover(store, "--data-dir", dataDir.toString());
        }
    }

    private static void crashAndRecover(TaskStore store, String... storeArgs) throws Exception {
        TaskforgeClient client = client(store);
        try (TaskforgeProcess a = worker("crash-a", storeArgs)) {
            Task task = client.submit(NewTask.ofType("shell")
                    .payload("{\"command\": " + quote(COMMAND) + "}")
                    .build());
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> lines(client, task.id()).contains("first attempt"));
            assertThat(client.get(task.id()).orElseThrow().workerId()).isEqualTo("crash-a");

            a.kill();

            try (TaskforgeProcess b = worker("crash-b", storeArgs)) {
                Task done = await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200))
                        .until(
                                () -> client.get(task.id()).orElseThrow(),
                                t -> t.status().isFinished());
                assertThat(done.status()).as(b.output()).isEqualTo(TaskStatus.SUCCEEDED);
                assertThat(done.attempt()).isEqualTo(2);
                assertThat(done.workerId()).isEqualTo("crash-b");
                assertThat(lines(client, task.id())).contains("first attempt", "attempt 2 done");
                List<TaskEvent> events = client.events(task.id()).orElseThrow();
                assertThat(events).extracting(TaskEvent::type).contains(TaskEventType.LEASE_EXPIRED);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> store.workerList().stream()
                                .anyMatch(w -> w.id().equals("crash-a") && w.status() == WorkerStatus.LOST));
            }
        }
    }

    private static TaskforgeProcess worker(String id, String... storeArgs) throws Exception {
        String[] args = new String[storeArgs.length + 3];
        args[0] = "worker";
        System.arraycopy(storeArgs, 0, args, 1, storeArgs.length);
        args[storeArgs.length + 1] = "--concurrency";
        args[storeArgs.length + 2] = "2";
        TaskforgeProcess p = TaskforgeProcess.start(id, Map.of("TASKFORGE_WORKER_ID", id), args);
        p.awaitOutput("Taskforge engine started", Duration.ofSeconds(90));
        return p;
    }

    private static List<String> lines(TaskforgeClient client, String id) {
        return client.logs(id, 0, 1000).orElseThrow().items().stream()
                .map(TaskLogLine::line)
                .toList();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
