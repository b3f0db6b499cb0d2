package io.taskforge.bench.taskforge;

import io.taskforge.bench.BenchContext;
import io.taskforge.bench.env.BenchDatabase;
import io.taskforge.bench.env.ChildJvm;
import io.taskforge.client.TaskDefaults;
import io.taskforge.client.TaskforgeClient;
import io.taskforge.json.JsonCodec;
import io.taskforge.store.TaskStore;
import io.taskforge.store.WorkerStatus;
import io.taskforge.store.jdbc.JdbcStoreOptions;
import io.taskforge.store.jdbc.JdbcStores;
import io.taskforge.task.NewTask;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Taskforge as the harness uses it: the Java API over a store, and worker and server processes. */
final class Taskforges {
    static final Duration STARTUP = Duration.ofMinutes(2);

    private Taskforges() {}

    /** A store as an application opens it; {@code poolSize} 0 keeps the product's default. */
    static TaskStore openStore(BenchDatabase db, int poolSize) {
        return JdbcStores.open(db.jdbcUrl(), JdbcStoreOptions.defaults().withMaxPoolSize(poolSize));
    }

    static TaskforgeClient client(TaskStore store) {
        return new TaskforgeClient(store, JsonCodec.load(), Clock.systemUTC(), TaskDefaults.STANDARD);
    }

    /** {@code count} noop tasks titled {@code title}, in batches as large as the product takes. */
    static void submitInBatches(TaskforgeClient client, int count, String title) {
        int batch = client.defaults().maxBatchSize();
        for (int done = 0; done < count; ) {
            int n = Math.min(batch, count - done);
            List<NewTask> tasks = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                tasks.add(NewTask.ofType("noop").title(title).build());
            }
            client.submitMany(tasks);
            done += n;
        }
    }

    /**
     * Slots of the worker process. The default (twice the CPUs, at least 4) suits tasks that run
     * processes; no-op tasks on virtual threads are what a queue benchmark measures, and the
     * recommended setting for them is many slots, as the peers get their recommended thread counts.
     */
    static final int WORKER_CONCURRENCY = 1000;

    /**
     * Starts {@code taskforge worker} with {@link #WORKER_CONCURRENCY} slots and otherwise the product's defaults and waits until it has registered
     * itself as ACTIVE: from then on it listens for new tasks and claims them.
     */
    static ChildJvm startWorker(BenchContext ctx, BenchDatabase db, TaskStore store)
            throws IOException, InterruptedException {
        return startWorker(ctx, db, store, "default");
    }

    /** A worker of {@code queue} only. */
    static ChildJvm startWorker(BenchContext ctx, BenchDatabase db, TaskStore store, String queue)
            throws IOException, InterruptedException {
        ChildJvm worker = ctx.startTaskforge(
                "worker",
                List.of(
                        "worker",
                        "--db",
                        db.jdbcUrl(),
                        "--queues",
                        queue,
                        "--concurrency",
                        String.valueOf(WORKER_CONCURRENCY)));
        try {
            worker.await(
                    "register as an active worker",
                    STARTUP,
                    () -> store.workerList().stream()
                            .anyMatch(w -> w.pid() == worker.pid() && w.status() == WorkerStatus.ACTIVE));
            return worker;
        } catch (IOException | InterruptedException | RuntimeException e) {
            worker.close();
            throw e;
        }
    }

    /** A {@code taskforge server} process, its port, and an OPERATOR API key to call it with. */
    record ApiServer(ChildJvm process, int port, String apiKey) implements AutoCloseable {
        String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }

        @Override
        public void close() throws InterruptedException {
            process.close();
        }
    }

    /** Starts {@code taskforge server} on a free port, without a worker unless {@code worker}, and waits until healthy. */
    static ApiServer startServer(BenchContext ctx, BenchDatabase db, boolean worker)
            throws IOException, InterruptedException {
        int port = ChildJvm.freePort();
        List<String> args = new ArrayList<>(List.of("server", "--port", Integer.toString(port), "--db", db.jdbcUrl()));
        if (!worker) {
            args.add("--no-worker");
        }
        // A password of this run only; the per-caller rate limit is off, since the harness is one
        // caller sending as fast as it can (the limiter's cost is one bucket check per request).
        String password = "bench-" + java.util.UUID.randomUUID();
        ChildJvm server = ctx.startTaskforge(
                "server",
                args,
                java.util.Map.of(
                        "TASKFORGE_ADMIN_PASSWORD",
                        password,
                        "TASKFORGE_SECURITY_RATE_LIMIT_REQUESTS_PER_SECOND",
                        "0"));
        try {
            server.awaitHealthy(port, STARTUP);
            return new ApiServer(server, port, apiKey(port, password));
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Signs in as admin and creates the API key the workloads send, as a machine client would. */
    private static String apiKey(int port, String password) throws IOException {
        String base = "http://127.0.0.1:" + port;
        try (Http http = new Http(1, null)) {
            String login = http.post(
                    base + "/api/v1/auth/login", "{\"username\":\"admin\",\"password\":\"" + password + "\"}");
            String token = field(login, "accessToken");
            try (Http admin = new Http(1, token)) {
                return field(
                        admin.post(base + "/api/v1/api-keys", "{\"name\":\"bench\",\"role\":\"OPERATOR\"}"), "key");
            }
        }
    }

    private static String field(String json, String name) throws IOException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"")
                .matcher(json);
        if (!m.find()) {
            throw new IOException("no " + name + " in " + json);
        }
        return m.group(1);
    }
}
