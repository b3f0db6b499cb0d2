package io.taskforge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskforge.store.AttemptOutcome;
import io.taskforge.store.ClaimParams;
import io.taskforge.store.Inserted;
import io.taskforge.store.TaskStore;
import io.taskforge.task.Task;
import io.taskforge.task.TaskEvent;
import io.taskforge.task.TaskEventType;
import io.taskforge.task.TaskQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * What the topic suites of {@link TaskStoreContract} share: the store under test, the clock, and
 * a few steps written once (insert, claim, finish) so the tests read as their scenario.
 */
abstract class StoreContractSupport {
    static final String WORKER = "worker-1";
    static final String OTHER_WORKER = "worker-2";
    static final Duration LEASE = Duration.ofSeconds(30);
    /** The tenant fixtures are made in unless a test says otherwise. */
    static final String TENANT = "default";

    private final TaskStoreContract contract;

    StoreContractSupport(TaskStoreContract contract) {
        this.contract = contract;
    }

    TaskStore store() {
        return contract.store();
    }

    SettableClock clock() {
        return contract.clock;
    }

    Instant now() {
        return contract.clock.instant();
    }

    /** A builder created now. */
    TaskFixtures.TaskBuilder task() {
        return TaskFixtures.aTask().createdAt(now());
    }

    /** Inserts the tasks in one batch and returns them as stored. */
    List<Task> insert(Task... tasks) {
        List<Inserted> inserted = store().taskInsertMany(Arrays.asList(tasks));
        assertThat(inserted).allMatch(Inserted::created);
        return inserted.stream().map(Inserted::task).toList();
    }

    Task insert(TaskFixtures.TaskBuilder task) {
        return insert(task.build()).getFirst();
    }

    Task get(Task task) {
        return store().taskGet(task.id()).orElseThrow(() -> new AssertionError("task " + task.id() + " is gone"));
    }

    List<Task> claim(String workerId, int max, String... queues) {
        return store().taskClaim(new ClaimParams(workerId, List.of(queues), max, now(), now().plus(LEASE)));
    }

    /** Claims exactly this one task (it must be the only ready one in its queue). */
    Task claimOnly(Task task) {
        List<Task> claimed = claim(WORKER, 1, task.queue());
        assertThat(claimed).extracting(Task::id).containsExactly(task.id());
        return claimed.getFirst();
    }

    boolean apply(AttemptOutcome outcome) {
        return store().taskSetOutcomeIfRunningMany(List.of(outcome)).getFirst();
    }

    List<TaskEvent> events(Task task) {
        return store().taskEventList(task.id());
    }

    List<TaskEventType> eventTypes(Task task) {
        return events(task).stream().map(TaskEvent::type).toList();
    }

    TaskEvent lastEvent(Task task) {
        List<TaskEvent> all = events(task);
        assertThat(all).isNotEmpty();
        return all.getLast();
    }

    List<String> listIds(TaskQuery query) {
        return store().taskList(query).items().stream().map(Task::id).toList();
    }

    static List<String> ids(List<Task> tasks) {
        return tasks.stream().map(Task::id).toList();
    }

    static List<String> ids(Task... tasks) {
        return ids(Arrays.asList(tasks));
    }
}
