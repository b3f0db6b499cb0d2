package io.taskforge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.taskforge.store.InsertOutcome;
import io.taskforge.store.Inserted;
import io.taskforge.store.StoreException;
import io.taskforge.store.TaskStore;
import io.taskforge.store.UniqueKeyConflictException;
import io.taskforge.task.Priority;
import io.taskforge.task.Task;
import io.taskforge.task.TaskIds;
import io.taskforge.task.TaskStatus;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class GroupCommitTest {
    /** The groups the store was asked to write, each as the titles of its tasks. */
    private final List<List<String>> groups = new CopyOnWriteArrayList<>();

    private final CountDownLatch releaseFirstWrite = new CountDownLatch(1);

    @Test
    void a_lone_submission_is_written_at_once_in_a_group_of_its_own() {
        GroupCommit commits = new GroupCommit(store(this::allStored), 1, 10);

        Inserted inserted = commits.submit(task("alone"));

        assertThat(inserted.task().title()).isEqualTo("alone");
        assertThat(groups).containsExactly(List.of("alone"));
    }

    @Test
    void submissions_that_arrive_while_a_transaction_runs_share_the_next_one() throws Exception {
        GroupCommit commits = new GroupCommit(store(this::firstWriteWaits), 1, 10);
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Inserted> first = callers.submit(() -> commits.submit(task("first")));
            await().until(() -> groups.size() == 1);
            List<Future<Inserted>> later = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String title = "later-" + i;
                later.add(callers.submit(() -> commits.submit(task(title))));
            }
            await().until(() -> commits.queued() == 5);

            releaseFirstWrite.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS).task().title()).isEqualTo("first");
            for (int i = 0; i < 5; i++) {
                assertThat(later.get(i).get(10, TimeUnit.SECONDS).task().title())
                        .isEqualTo("later-" + i);
            }
        }
        assertThat(groups).hasSize(2);
        assertThat(groups.get(1)).containsExactlyInAnyOrder("later-0", "later-1", "later-2", "later-3", "later-4");
    }

    @Test
    void each_caller_of_a_group_gets_its_own_outcome() throws Exception {
        GroupCommit commits = new GroupCommit(store(this::refusesTheConflict), 1, 10);
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Inserted> first = callers.submit(() -> commits.submit(task("first")));
            await().until(() -> groups.size() == 1);
            Future<Inserted> fine = callers.submit(() -> commits.submit(task("fine")));
            await().until(() -> commits.queued() == 1);
            Future<Inserted> refused = callers.submit(() -> commits.submit(task("conflict")));
            await().until(() -> commits.queued() == 2);

            releaseFirstWrite.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS).created()).isTrue();
            assertThat(fine.get(10, TimeUnit.SECONDS).task().title()).isEqualTo("fine");
            assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(UniqueKeyConflictException.class);
        }
        assertThat(groups.get(1)).containsExactly("fine", "conflict");
    }

    @Test
    void a_failed_transaction_fails_its_own_group_and_the_next_group_is_written() throws Exception {
        GroupCommit commits = new GroupCommit(store(this::firstWriteWaitsThenFails), 1, 10);
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Inserted> first = callers.submit(() -> commits.submit(task("first")));
            await().until(() -> groups.size() == 1);
            Future<Inserted> second = callers.submit(() -> commits.submit(task("second")));
            await().until(() -> commits.queued() == 1);

            releaseFirstWrite.countDown();

            assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(StoreException.class);
            assertThat(second.get(10, TimeUnit.SECONDS).task().title()).isEqualTo("second");
        }
    }

    @Test
    void groups_stay_within_their_size_and_every_caller_is_answered() throws Exception {
        GroupCommit commits = new GroupCommit(store(this::allStored), 2, 3);
        List<Future<Inserted>> answers = new ArrayList<>();
        try (ExecutorService callers = Executors.newFixedThreadPool(32)) {
            for (int i = 0; i < 500; i++) {
                String title = "t" + i;
                answers.add(callers.submit(() -> commits.submit(task(title))));
            }
            for (int i = 0; i < 500; i++) {
                assertThat(answers.get(i).get(10, TimeUnit.SECONDS).task().title())
                        .isEqualTo("t" + i);
            }
        }
        assertThat(groups).allSatisfy(g -> assertThat(g).hasSizeBetween(1, 3));
        assertThat(groups.stream().mapToInt(List::size).sum()).isEqualTo(500);
        assertThat(commits.queued()).isZero();
    }

    // ---- what the store answers ---------------------------------------------------------------------

    private List<InsertOutcome> allStored(List<Task> tasks) {
        return tasks.stream().map(t -> InsertOutcome.of(new Inserted(t, true))).toList();
    }

    private List<InsertOutcome> firstWriteWaits(List<Task> tasks) {
        if (groups.size() == 1) {
            awaitRelease();
        }
        return allStored(tasks);
    }

    private List<InsertOutcome> firstWriteWaitsThenFails(List<Task> tasks) {
        if (groups.size() == 1) {
            awaitRelease();
            throw new StoreException("the database went away");
        }
        return allStored(tasks);
    }

    private List<InsertOutcome> refusesTheConflict(List<Task> tasks) {
        if (groups.size() == 1) {
            awaitRelease();
        }
        return tasks.stream()
                .map(t -> t.title().equals("conflict")
                        ? InsertOutcome.failed(new UniqueKeyConflictException("k", "holder"))
                        : InsertOutcome.of(new Inserted(t, true)))
                .toList();
    }

    private void awaitRelease() {
        try {
            if (!releaseFirstWrite.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the first write was never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A store that only inserts: it records each group, then answers as {@code write} says. */
    private TaskStore store(Function<List<Task>, List<InsertOutcome>> write) {
        return (TaskStore) Proxy.newProxyInstance(
                TaskStore.class.getClassLoader(), new Class<?>[] {TaskStore.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("taskInsertEach")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    @SuppressWarnings("unchecked")
                    List<Task> tasks = (List<Task>) args[0];
                    groups.add(tasks.stream().map(Task::title).toList());
                    return write.apply(tasks);
                });
    }

    private static Task task(String title) {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        return new Task(
                TaskIds.next(now.toEpochMilli()),
                "default",
                "noop",
                title,
                null,
                null,
                "default",
                Priority.NORMAL,
                TaskStatus.QUEUED,
                List.of(),
                0,
                3,
                300,
                now,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                false,
                now,
                now,
                null,
                null);
    }
}
