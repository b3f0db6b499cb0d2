package io.taskforge.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskforge.engine.EngineConfig;
import io.taskforge.engine.Taskforge;
import io.taskforge.handler.TaskContext;
import io.taskforge.handler.TaskHandler;
import io.taskforge.json.JsonCodec;
import io.taskforge.store.QueuePatch;
import io.taskforge.store.TaskStore;
import io.taskforge.task.NewTask;
import io.taskforge.task.Task;
import io.taskforge.task.TaskStatus;
import io.taskforge.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine on a rate-limited queue: nothing signals when the queue's bucket refills, so the
 * producer must look again by itself, soon, rather than at its (here: five-minute) poll interval.
 * Time for the store is a settable clock the test moves; the producer's pauses are real.
 */
class LimitedQueueEngineTest {
    private static final int TASKS = 30;

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void a_rate_limited_queue_keeps_starting_tasks_without_waiting_for_the_poll_interval() throws Exception {
        SettableClock clock = new SettableClock(Instant.now());
        try (TaskStore store = JdbcStores.sqlite(dir.resolve("taskforge.db"))) {
            store.queueSettingsUpdate("limited", new QueuePatch(null, null, 10.0), clock.instant());
            Taskforge tf = Taskforge.builder(store)
                    .json(JsonCodec.load())
                    .clock(clock)
                    .config(EngineConfig.builder()
                            .queues(List.of("limited"))
                            .pollInterval(Duration.ofMinutes(5))
                            .build())
                    .handler(new Noop())
                    .closeStore(false)
                    .build();
            tf.start();
            try {
                List<Task> submitted = new ArrayList<>();
                for (int i = 0; i < TASKS; i++) {
                    submitted.add(tf.client()
                            .submit(NewTask.ofType("noop").queue("limited").build()));
                }
                // The bucket holds 2 tokens and refills one per 100 ms of store time. Move the store
                // clock on in small steps; each step is bounded, and so is the whole loop.
                for (int step = 0; step < 1_000 && !allSucceeded(tf, submitted); step++) {
                    Thread.sleep(20);
                    clock.advance(Duration.ofMillis(25));
                }

                List<Instant> starts = new ArrayList<>();
                for (Task t : submitted) {
                    Task done = tf.client().get(t.id()).orElseThrow();
                    assertThat(done.status()).as("task %s", t.id()).isEqualTo(TaskStatus.SUCCEEDED);
                    starts.add(done.startedAt());
                }
                for (Instant s : starts) {
                    long inWindow = starts.stream()
                            .filter(u -> !u.isBefore(s) && u.isBefore(s.plusSeconds(1)))
                            .count();
                    assertThat(inWindow).as("starts within a second of %s", s).isLessThanOrEqualTo(12);
                }
            } finally {
                tf.stop(Duration.ZERO);
            }
        }
    }

    private static boolean allSucceeded(Taskforge tf, List<Task> tasks) {
        return tasks.stream()
                .allMatch(t -> tf.client().get(t.id()).orElseThrow().status() == TaskStatus.SUCCEEDED);
    }

    private static final class Noop implements TaskHandler {
        @Override
        public String type() {
            return "noop";
        }

        @Override
        public Object handle(TaskContext ctx) {
            return null;
        }
    }
}
