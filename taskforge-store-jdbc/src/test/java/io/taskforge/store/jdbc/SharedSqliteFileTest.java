package io.taskforge.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskforge.store.AttemptOutcome;
import io.taskforge.store.ClaimParams;
import io.taskforge.store.TaskStore;
import io.taskforge.task.Task;
import io.taskforge.task.TaskQuery;
import io.taskforge.testkit.RecordingListener;
import io.taskforge.testkit.SettableClock;
import io.taskforge.testkit.TaskFixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two store objects on one SQLite file, as two processes on one host would have: their in-process
 * write locks do not see each other, so only SQLite's own locking (BEGIN IMMEDIATE, busy_timeout)
 * keeps them apart.
 */
class SharedSqliteFileTest {
    private final SettableClock clock = new SettableClock();

    @TempDir
    Path dir;

    @Test
    void two_store_objects_on_one_file_both_write_and_never_claim_the_same_task() throws Exception {
        Path file = dir.resolve("shared.db");
        try (TaskStore a = JdbcStores.sqlite(file);
                TaskStore b = JdbcStores.sqlite(file)) {
            int perStore = 500;
            Instant now = clock.instant();
            CyclicBarrier start = new CyclicBarrier(4);
            List<Callable<List<String>>> jobs = new ArrayList<>();
            for (TaskStore s : List.of(a, b)) {
                jobs.add(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    for (int i = 0; i < perStore; i += 50) {
                        s.taskInsertMany(IntStream.range(0, 50)
                                .mapToObj(
                                        n -> TaskFixtures.aTask().createdAt(now).build())
                                .toList());
                    }
                    return List.of();
                });
                jobs.add(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return claimUntilDry(s, now);
                });
            }

            List<String> claimed = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
                for (Future<List<String>> f : pool.invokeAll(jobs, 60, TimeUnit.SECONDS)) {
                    claimed.addAll(f.get());
                }
            }
            // What the racing claimers left behind (they may stop before the inserts end).
            claimed.addAll(claimUntilDry(a, now));

            assertThat(claimed).hasSize(2 * perStore);
            assertThat(new HashSet<>(claimed)).hasSize(2 * perStore);
            assertThat(b.taskList(TaskQuery.builder()
                                    .includeTotal(true)
                                    .limit(1)
                                    .build())
                            .total())
                    .isEqualTo(2L * perStore);
        }
    }

    @Test
    void one_store_object_finishes_what_the_other_claimed() {
        Path file = dir.resolve("handover.db");
        try (TaskStore a = JdbcStores.sqlite(file);
                TaskStore b = JdbcStores.sqlite(file)) {
            Task t = a.taskInsertMany(List.of(TaskFixtures.aTask().build()))
                    .getFirst()
                    .task();
            Task claimed = b.taskClaim(new ClaimParams(
                            "w",
                            List.of("default"),
                            1,
                            clock.instant(),
                            clock.instant().plusSeconds(30)))
                    .getFirst();

            boolean applied = a.taskSetOutcomeIfRunningMany(
                            List.of(AttemptOutcome.succeeded(t.id(), claimed.attempt(), "w", null, clock.instant())))
                    .getFirst();

            assertThat(applied).isTrue();
        }
    }

    @Test
    void a_store_hears_what_another_store_on_the_same_file_commits() throws Exception {
        Path file = dir.resolve("watched.db");
        try (TaskStore a = JdbcStores.sqlite(file);
                TaskStore b = JdbcStores.sqlite(file)) {
            RecordingListener heard = new RecordingListener();
            try (AutoCloseable subscription = b.subscribe(heard)) {
                assertThat(b.hearsOtherProcesses()).isTrue();

                a.taskInsertMany(List.of(TaskFixtures.aTask().withQueue("mail").build()));
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> !heard.queued().isEmpty());

                Task running = b.taskClaim(new ClaimParams(
                                "w",
                                List.of("mail"),
                                1,
                                clock.instant(),
                                clock.instant().plusSeconds(30)))
                        .getFirst();
                a.taskCancel(running.id(), clock.instant(), "alice");
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> heard.cancelRequests().contains(running.id()));
            }
        }
    }

    private static List<String> claimUntilDry(TaskStore s, Instant now) throws InterruptedException {
        List<String> mine = new ArrayList<>();
        int emptyInARow = 0;
        // Bounded: stops after a few empty claims in a row, or after enough rounds for every task.
        for (int round = 0; round < 2000 && emptyInARow < 20; round++) {
            List<Task> got = s.taskClaim(
                    new ClaimParams("w-" + s.hashCode(), List.of("default"), 8, now, now.plus(Duration.ofMinutes(1))));
            if (got.isEmpty()) {
                emptyInARow++;
                Thread.sleep(2);
            } else {
                emptyInARow = 0;
                got.forEach(t -> mine.add(t.id()));
            }
        }
        return mine;
    }
}
