package io.taskforge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskforge.client.TaskDefaults;
import io.taskforge.client.TaskValidationException;
import io.taskforge.client.TaskforgeClient;
import io.taskforge.json.JsonCodec;
import io.taskforge.store.Inserted;
import io.taskforge.store.TaskStore;
import io.taskforge.store.UniqueKeyConflictException;
import io.taskforge.task.NewTask;
import io.taskforge.task.Task;
import io.taskforge.task.TaskEventType;
import io.taskforge.task.TaskQuery;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Single submissions made at the same moment by many callers, which the client writes in shared
 * transactions: every caller must get exactly the answer it would have got submitting alone. Each
 * round releases all callers together so that their submissions meet in the same groups; which
 * submissions share a transaction is up to timing, and every answer must be right whatever it is.
 */
@Timeout(120)
public abstract class ConcurrentSubmitContract {
    private static final int CALLERS = 48;
    private static final int ROUNDS = 8;

    /** A store on a fresh, empty database. */
    protected abstract TaskStore newStore();

    private TaskStore store;
    private TaskforgeClient client;

    @BeforeEach
    void openStore() {
        store = newStore();
        client = new TaskforgeClient(store, JsonCodec.load(), Clock.systemUTC(), TaskDefaults.STANDARD);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    /** What one caller asked for and what it got back. */
    private record Answer(NewTask asked, Inserted inserted, RuntimeException error) {}

    @Test
    void concurrent_submitters_get_the_answers_they_would_get_one_at_a_time() throws Exception {
        Task held = client.submit(NewTask.ofType("noop").uniqueKey("held").build());
        Random random = new Random(7);
        List<Answer> all = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            List<NewTask> asks = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                // Some fail validation, which happens before they could join a group.
                String type = i % 12 == 5 ? "" : "noop";
                NewTask.Builder ask = NewTask.ofType(type).title("r" + round + "-" + i);
                switch (i % 6) {
                    case 0, 1 -> ask.uniqueKey("unique-" + round + "-" + i % 4); // contested by several callers
                    case 2, 3 -> ask.idempotencyKey("request-" + round + "-" + i % 4); // repeated requests
                    case 4 -> ask.uniqueKey(i % 12 == 4 ? "held" : null).tags("t" + i % 3);
                    default -> ask.tags("plain");
                }
                asks.add(ask.build());
            }
            Collections.shuffle(asks, random);
            all.addAll(submitTogether(asks));
        }

        checkUniqueKeys(all, held);
        checkIdempotencyKeys(all);
        for (Answer a : all) {
            if (a.asked().type().isEmpty()) {
                assertThat(a.error()).isInstanceOf(TaskValidationException.class);
            } else if (a.asked().uniqueKey() == null && a.asked().idempotencyKey() == null) {
                assertThat(a.error()).isNull();
                assertThat(a.inserted().created()).isTrue();
                assertThat(a.inserted().task().tags()).isEqualTo(a.asked().tags());
            }
        }
        List<String> created = all.stream()
                .filter(a -> a.inserted() != null && a.inserted().created())
                .map(a -> a.inserted().task().id())
                .toList();
        List<Task> stored =
                store.taskList(TaskQuery.builder().limit(500).build()).items();
        assertThat(stored).extracting(Task::id).containsExactlyInAnyOrderElementsOf(withHeld(created, held));
        for (Task t : stored) {
            assertThat(store.taskEventList(t.id())).extracting(e -> e.type()).containsExactly(TaskEventType.CREATED);
        }
    }

    /** Per key: one winner, every other caller refused with a conflict naming the winner. */
    private static void checkUniqueKeys(List<Answer> all, Task held) {
        Map<String, List<Answer>> byKey = all.stream()
                .filter(a -> a.asked().uniqueKey() != null)
                .collect(Collectors.groupingBy(a -> a.asked().uniqueKey()));
        for (Map.Entry<String, List<Answer>> key : byKey.entrySet()) {
            List<Answer> winners =
                    key.getValue().stream().filter(a -> a.error() == null).toList();
            String holder;
            if (key.getKey().equals("held")) {
                assertThat(winners).isEmpty();
                holder = held.id();
            } else {
                assertThat(winners).hasSize(1);
                assertThat(winners.getFirst().inserted().created()).isTrue();
                holder = winners.getFirst().inserted().task().id();
            }
            for (Answer loser : key.getValue()) {
                if (loser.error() != null) {
                    assertThat(loser.error()).isInstanceOfSatisfying(UniqueKeyConflictException.class, e -> {
                        assertThat(e.uniqueKey()).isEqualTo(key.getKey());
                        assertThat(e.holderTaskId()).isEqualTo(holder);
                    });
                }
            }
        }
    }

    /** Per key: every caller gets the same task, exactly one of them as created. */
    private static void checkIdempotencyKeys(List<Answer> all) {
        Map<String, List<Answer>> byKey = all.stream()
                .filter(a -> a.asked().idempotencyKey() != null)
                .collect(Collectors.groupingBy(a -> a.asked().idempotencyKey()));
        for (List<Answer> callers : byKey.values()) {
            assertThat(callers).allMatch(a -> a.error() == null);
            assertThat(callers)
                    .extracting(a -> a.inserted().task().id())
                    .containsOnly(callers.getFirst().inserted().task().id());
            assertThat(callers).filteredOn(a -> a.inserted().created()).hasSize(1);
        }
    }

    private static List<String> withHeld(List<String> ids, Task held) {
        List<String> all = new ArrayList<>(ids);
        all.add(held.id());
        return all;
    }

    private List<Answer> submitTogether(List<NewTask> asks) throws Exception {
        CyclicBarrier start = new CyclicBarrier(asks.size());
        try (ExecutorService callers = Executors.newFixedThreadPool(asks.size())) {
            List<Future<Answer>> answers = new ArrayList<>();
            for (NewTask ask : asks) {
                answers.add(callers.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    try {
                        return new Answer(
                                ask, client.submitAll(List.of(ask), "").getFirst(), null);
                    } catch (RuntimeException e) {
                        return new Answer(ask, null, e);
                    }
                }));
            }
            List<Answer> result = new ArrayList<>();
            for (Future<Answer> f : answers) {
                result.add(f.get(60, TimeUnit.SECONDS));
            }
            return result;
        }
    }
}
