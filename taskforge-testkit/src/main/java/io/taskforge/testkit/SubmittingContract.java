package io.taskforge.testkit;

import static io.taskforge.testkit.TaskAssert.assertThatTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.taskforge.store.AttemptOutcome;
import io.taskforge.store.InsertOutcome;
import io.taskforge.store.Inserted;
import io.taskforge.store.StoreException;
import io.taskforge.store.UniqueKeyConflictException;
import io.taskforge.task.Priority;
import io.taskforge.task.Tag;
import io.taskforge.task.Task;
import io.taskforge.task.TaskEvent;
import io.taskforge.task.TaskEventType;
import io.taskforge.task.TaskPatch;
import io.taskforge.task.TaskQuery;
import io.taskforge.task.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** taskInsertMany and taskGet: fields, events, tags, idempotency and unique keys, batches. */
abstract class SubmittingContract extends StoreContractSupport {

    SubmittingContract(TaskStoreContract contract) {
        super(contract);
    }

    @Test
    void stores_every_field_and_reads_it_back_exactly() {
        Task written = task().withType("report.export")
                .withTitle("Monthly report")
                .withDescription("for the board")
                // Spacing, key order and number spelling are the submitter's, and stay so.
                .withPayload("{\"month\": \"2026-01\",  \"pages\":[1, 2.50, 3e2], \"a\":{\"z\":1,\"b\":false}}")
                .withQueue("reports")
                .withPriority(Priority.HIGH)
                .withStatus(TaskStatus.SCHEDULED)
                .withRunAt(now().plus(Duration.ofMinutes(5)))
                .withTags("finance", "monthly")
                .withMaxAttempts(5)
                .withTimeoutSeconds(60)
                .withUniqueKey("report:2026-01")
                .withIdempotencyKey("req-17")
                .withOwner("alice")
                .withPipelineRun("run-1", "export")
                .withTraceParent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .build();
        insert(written);

        Task read = store().taskGet(written.id()).orElseThrow();

        assertThat(read).usingRecursiveComparison().isEqualTo(written);
    }

    @Test
    void returns_one_entry_per_task_in_input_order() {
        List<Task> tasks = List.of(task().build(), task().build(), task().build());

        List<Inserted> inserted = store().taskInsertMany(tasks);

        assertThat(inserted).extracting(i -> i.task().id()).containsExactlyElementsOf(ids(tasks));
        assertThat(inserted).allMatch(Inserted::created);
    }

    @Test
    void inserting_nothing_returns_nothing() {
        assertThat(store().taskInsertMany(List.of())).isEmpty();
    }

    @Test
    void writes_a_created_event_for_each_task() {
        Task queued = task().withOwner("alice").build();
        Task scheduled = task().withStatus(TaskStatus.SCHEDULED)
                .withRunAt(now().plusSeconds(60))
                .build();
        insert(queued, scheduled);

        assertThat(events(queued))
                .containsExactly(new TaskEvent(
                        queued.id(), now(), TaskEventType.CREATED, null, TaskStatus.QUEUED, 0, null, null, "alice"));
        assertThat(lastEvent(scheduled).toStatus()).isEqualTo(TaskStatus.SCHEDULED);
    }

    @Test
    void creates_missing_tags_and_keeps_the_given_order_without_repeats() {
        Task t = insert(task().withTags("zeta", "alpha", "zeta"));

        assertThatTask(get(t)).hasTags("zeta", "alpha");
        assertThat(store().tagList(TENANT))
                .extracting(Tag::name, Tag::taskCount)
                .containsExactly(tuple("alpha", 1L), tuple("zeta", 1L));
    }

    @Test
    void rejects_an_id_that_is_not_a_task_id() {
        Task bad = task().withId("not-a-uuid").build();

        assertThatThrownBy(() -> store().taskInsertMany(List.of(bad))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_failed_batch_writes_nothing() {
        Task first = task().build();
        Task sameIdAgain = task().withId(first.id()).build();

        assertThatThrownBy(() -> store().taskInsertMany(List.of(task().build(), first, sameIdAgain)))
                .isInstanceOf(StoreException.class);

        assertThat(store().taskList(TaskQuery.builder().includeTotal(true).build())
                        .total())
                .isZero();
        assertThat(store().tagList(TENANT)).isEmpty();
    }

    @Test
    void inserts_thousands_of_tasks_in_one_call() {
        List<Task> tasks = IntStream.range(0, 3000)
                .mapToObj(i ->
                        task().withTags("bulk").withIdempotencyKey("bulk-" + i).build())
                .toList();

        List<Inserted> inserted = store().taskInsertMany(tasks);

        assertThat(inserted).hasSize(3000).allMatch(Inserted::created);
        assertThat(store().taskList(
                                TaskQuery.builder().includeTotal(true).limit(1).build())
                        .total())
                .isEqualTo(3000L);
        assertThat(store().tagList(TENANT)).extracting(Tag::taskCount).containsExactly(3000L);
    }

    @Test
    void a_large_batch_keeps_every_character_of_every_field() {
        // Large batches take the store's bulk path (COPY on PostgreSQL), whose text format gives
        // tabs, line breaks and backslashes meanings of their own.
        String awkward = "tab\there, line\nbreak, return\r, back\\slash, \\N, \\., ü, 漢字, 🙂";
        List<Task> tasks = IntStream.range(0, 200)
                .mapToObj(i -> task().withTitle(awkward + " #" + i)
                        .withDescription(i % 2 == 0 ? null : awkward)
                        .withPayload("{\"text\": \"a\\tb\\nc\\\\d\\u0001\",\n\t\"n\": " + i + "}")
                        .withTags("bulk", "t/" + i % 3)
                        .withUniqueKey(i % 5 == 0 ? "key\t" + i : null)
                        .withIdempotencyKey("idem\\" + i)
                        .withOwner(awkward)
                        .withTraceParent(null)
                        .build())
                .toList();

        store().taskInsertMany(tasks);

        for (Task written : tasks) {
            assertThat(get(written)).usingRecursiveComparison().isEqualTo(written);
        }
        assertThat(events(tasks.getLast()))
                .extracting(TaskEvent::type, TaskEvent::actor)
                .containsExactly(tuple(TaskEventType.CREATED, awkward));
    }

    @Test
    void a_failed_large_batch_writes_nothing() {
        List<Task> tasks = new ArrayList<>(IntStream.range(0, 200)
                .mapToObj(i -> task().withTags("bulk").build())
                .toList());
        tasks.add(task().withId(tasks.get(100).id()).build());

        assertThatThrownBy(() -> store().taskInsertMany(tasks)).isInstanceOf(StoreException.class);

        assertThat(store().taskList(TaskQuery.builder().includeTotal(true).build())
                        .total())
                .isZero();
        assertThat(store().tagList(TENANT)).isEmpty();
    }

    @Test
    void a_unique_key_held_when_a_large_batch_comes_rejects_it_and_names_the_holder() {
        Task holder = insert(task().withUniqueKey("nightly"));
        List<Task> tasks = new ArrayList<>(
                IntStream.range(0, 200).mapToObj(i -> task().build()).toList());
        tasks.add(task().withUniqueKey("nightly").build());

        assertThatThrownBy(() -> store().taskInsertMany(tasks))
                .isInstanceOfSatisfying(
                        UniqueKeyConflictException.class,
                        e -> assertThat(e.holderTaskId()).isEqualTo(holder.id()));
        assertThat(store().taskGet(tasks.getFirst().id())).isEmpty();
    }

    // ---- independent tasks in one transaction (taskInsertEach) ---------------------------------------

    @Test
    void inserting_each_gives_every_task_what_it_would_get_alone_in_list_order() {
        Task first = task().withUniqueKey("nightly").build();
        Task second = task().withUniqueKey("nightly").build();
        Task asked = task().withIdempotencyKey("req-9").withTitle("asked").build();
        Task askedAgain =
                task().withIdempotencyKey("req-9").withTitle("asked again").build();
        Task plain = task().withTags("x").build();

        List<InsertOutcome> outcomes = store().taskInsertEach(List.of(first, second, asked, askedAgain, plain));

        assertThat(outcomes.get(0).orThrow()).isEqualTo(new Inserted(first, true));
        assertThat(outcomes.get(1).error()).isInstanceOfSatisfying(UniqueKeyConflictException.class, e -> {
            assertThat(e.uniqueKey()).isEqualTo("nightly");
            assertThat(e.holderTaskId()).isEqualTo(first.id());
        });
        assertThat(outcomes.get(2).orThrow()).isEqualTo(new Inserted(asked, true));
        assertThat(outcomes.get(3).orThrow()).isEqualTo(new Inserted(asked, false));
        assertThat(outcomes.get(4).orThrow().created()).isTrue();
        assertThat(listIds(TaskQuery.all())).containsExactlyInAnyOrder(first.id(), asked.id(), plain.id());
        assertThat(store().taskGet(second.id())).isEmpty();
        assertThat(eventTypes(plain)).containsExactly(TaskEventType.CREATED);
        assertThatTask(get(plain)).hasTags("x");
    }

    @Test
    void inserting_each_returns_stored_tasks_for_used_idempotency_keys_and_names_stored_holders() {
        Task holder = insert(task().withUniqueKey("held"));
        Task earlier = insert(task().withIdempotencyKey("req-1"));
        Task conflicting = task().withUniqueKey("held").build();
        Task replayed = task().withIdempotencyKey("req-1").build();
        Task plain = task().build();

        List<InsertOutcome> outcomes = store().taskInsertEach(List.of(conflicting, replayed, plain));

        assertThat(outcomes.get(0).error())
                .isInstanceOfSatisfying(
                        UniqueKeyConflictException.class,
                        e -> assertThat(e.holderTaskId()).isEqualTo(holder.id()));
        assertThat(outcomes.get(1).orThrow()).isEqualTo(new Inserted(earlier, false));
        assertThat(outcomes.get(2).orThrow()).isEqualTo(new Inserted(plain, true));
    }

    @Test
    void inserting_each_keeps_the_others_when_the_database_refuses_one() {
        Task a = task().build();
        Task b = task().build();
        Task sameIdAsA = task().withId(a.id()).withTitle("impostor").build();

        List<InsertOutcome> outcomes = store().taskInsertEach(List.of(a, sameIdAsA, b));

        assertThat(outcomes.get(0).orThrow().created()).isTrue();
        assertThat(outcomes.get(1).error()).isInstanceOf(StoreException.class);
        assertThat(outcomes.get(2).orThrow().created()).isTrue();
        assertThat(get(a).title()).isNull();
        assertThat(events(a)).hasSize(1);
        assertThat(listIds(TaskQuery.all())).containsExactlyInAnyOrder(a.id(), b.id());
    }

    @Test
    void inserting_each_of_a_long_list_isolates_the_one_refused_task() {
        Task holder = insert(task().withUniqueKey("held"));
        List<Task> tasks = new ArrayList<>(IntStream.range(0, 100)
                .mapToObj(i -> task().withTags("many").build())
                .toList());
        tasks.add(50, task().withUniqueKey("held").build());

        List<InsertOutcome> outcomes = store().taskInsertEach(tasks);

        assertThat(outcomes.get(50).error())
                .isInstanceOfSatisfying(
                        UniqueKeyConflictException.class,
                        e -> assertThat(e.holderTaskId()).isEqualTo(holder.id()));
        assertThat(outcomes).filteredOn(o -> o.error() == null).hasSize(100);
        assertThat(store().tagList(TENANT))
                .extracting(Tag::name, Tag::taskCount)
                .containsExactly(tuple("many", 100L));
    }

    @Test
    void inserting_each_of_one_task_reports_its_conflict() {
        Task holder = insert(task().withUniqueKey("held"));

        List<InsertOutcome> outcomes =
                store().taskInsertEach(List.of(task().withUniqueKey("held").build()));

        assertThat(outcomes.getFirst().error())
                .isInstanceOfSatisfying(
                        UniqueKeyConflictException.class,
                        e -> assertThat(e.holderTaskId()).isEqualTo(holder.id()));
    }

    // ---- idempotency keys ---------------------------------------------------------------------------

    @Test
    void idempotency_key_returns_the_first_task_instead_of_inserting_again() {
        Task first = insert(task().withIdempotencyKey("req-1").withTitle("first"));
        clock().advance(Duration.ofSeconds(1));

        List<Inserted> again = store().taskInsertMany(List.of(
                task().withIdempotencyKey("req-1").withTitle("second").build(), task().build()));

        assertThat(again.get(0).created()).isFalse();
        assertThatTask(again.get(0).task()).hasId(first.id()).hasTitle("first");
        assertThat(again.get(1).created()).isTrue();
        assertThat(store().taskList(TaskQuery.builder().includeTotal(true).build())
                        .total())
                .isEqualTo(2L);
    }

    @Test
    void idempotency_key_repeated_in_one_batch_returns_the_first_of_the_batch() {
        Task a = task().withIdempotencyKey("req-2").build();
        Task b = task().withIdempotencyKey("req-2").build();

        List<Inserted> inserted = store().taskInsertMany(List.of(a, b));

        assertThat(inserted.get(0).created()).isTrue();
        assertThat(inserted.get(1).created()).isFalse();
        assertThat(inserted.get(1).task().id()).isEqualTo(a.id());
        assertThat(store().taskGet(b.id())).isEmpty();
    }

    @Test
    void idempotency_key_is_per_tenant() {
        insert(task().withIdempotencyKey("req-3"));

        List<Inserted> other = store().taskInsertMany(List.of(
                task().withTenant("acme").withIdempotencyKey("req-3").build()));

        assertThat(other.getFirst().created()).isTrue();
    }

    @Test
    void idempotency_key_keeps_naming_its_task_after_it_finished() {
        Task first = insert(task().withIdempotencyKey("req-4"));
        Task claimed = claimOnly(first);
        apply(AttemptOutcome.succeeded(first.id(), claimed.attempt(), WORKER, null, now()));

        Inserted again = store().taskInsertMany(
                        List.of(task().withIdempotencyKey("req-4").build()))
                .getFirst();

        assertThat(again.created()).isFalse();
        assertThatTask(again.task()).hasId(first.id()).hasStatus(TaskStatus.SUCCEEDED);
    }

    @Test
    void concurrent_submitters_with_one_idempotency_key_all_get_the_same_task() throws Exception {
        int submitters = 8;
        CyclicBarrier start = new CyclicBarrier(submitters);
        List<Callable<Inserted>> calls = new ArrayList<>();
        for (int i = 0; i < submitters; i++) {
            calls.add(() -> {
                Task t = task().withIdempotencyKey("race").build();
                start.await(10, TimeUnit.SECONDS);
                return store().taskInsertMany(List.of(t)).getFirst();
            });
        }
        List<Inserted> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(submitters)) {
            for (Future<Inserted> f : pool.invokeAll(calls, 60, TimeUnit.SECONDS)) {
                results.add(f.get());
            }
        }

        assertThat(results).filteredOn(Inserted::created).hasSize(1);
        assertThat(results)
                .extracting(r -> r.task().id())
                .containsOnly(results.stream()
                        .filter(Inserted::created)
                        .findFirst()
                        .orElseThrow()
                        .task()
                        .id());
    }

    // ---- unique keys --------------------------------------------------------------------------------

    @Test
    void unique_key_held_by_an_unfinished_task_rejects_the_whole_batch_and_names_the_holder() {
        Task holder = insert(task().withUniqueKey("daily-sync"));
        Task innocent = task().build();

        assertThatThrownBy(() -> store().taskInsertMany(List.of(
                        innocent, task().withUniqueKey("daily-sync").build())))
                .isInstanceOfSatisfying(UniqueKeyConflictException.class, e -> {
                    assertThat(e.uniqueKey()).isEqualTo("daily-sync");
                    assertThat(e.holderTaskId()).isEqualTo(holder.id());
                });
        assertThat(store().taskGet(innocent.id())).isEmpty();
    }

    @Test
    void unique_key_used_twice_in_one_batch_is_rejected() {
        assertThatThrownBy(() -> store().taskInsertMany(List.of(
                        task().withUniqueKey("k").build(),
                        task().withUniqueKey("k").build())))
                .isInstanceOf(UniqueKeyConflictException.class);

        assertThat(store().taskList(TaskQuery.all()).items()).isEmpty();
    }

    @Test
    void unique_key_is_held_while_waiting_and_running() {
        Task scheduled = insert(
                task().withUniqueKey("s").withStatus(TaskStatus.SCHEDULED).withRunAt(now().plusSeconds(60)));
        Task running = insert(task().withUniqueKey("r").withQueue("r"));
        claimOnly(running);

        assertThatThrownBy(() -> insert(task().withUniqueKey("s")))
                .isInstanceOf(UniqueKeyConflictException.class)
                .extracting("holderTaskId")
                .isEqualTo(scheduled.id());
        assertThatThrownBy(() -> insert(task().withUniqueKey("r")))
                .isInstanceOf(UniqueKeyConflictException.class)
                .extracting("holderTaskId")
                .isEqualTo(running.id());
    }

    @Test
    void unique_key_is_free_again_once_the_holder_finished() {
        Task holder = insert(task().withUniqueKey("nightly"));
        Task claimed = claimOnly(holder);
        apply(AttemptOutcome.failed(holder.id(), claimed.attempt(), WORKER, null, now()));

        Task next = insert(task().withUniqueKey("nightly"));

        assertThatTask(get(next)).hasStatus(TaskStatus.QUEUED);
    }

    @Test
    void unique_key_is_free_again_once_the_holder_is_deleted() {
        Task holder = insert(task().withUniqueKey("weekly"));
        store().taskDelete(holder.id(), false, now(), "alice");

        Task next = insert(task().withUniqueKey("weekly"));

        assertThat(store().taskGet(next.id())).isPresent();
    }

    @Test
    void unique_key_is_per_tenant() {
        insert(task().withUniqueKey("per-tenant"));

        Task other = insert(task().withTenant("acme").withUniqueKey("per-tenant"));

        assertThat(store().taskGet(other.id())).isPresent();
    }

    @Test
    void reads_ids_in_either_case_and_ignores_ids_that_are_not_task_ids() {
        Task t = insert(task());

        assertThat(store().taskGet(t.id().toUpperCase(Locale.ROOT)))
                .map(Task::id)
                .contains(t.id());
        for (String bad : new String[] {"", "nope", "' OR 1=1 --", t.id() + "0", t.id().replace('-', 'x')}) {
            assertThat(store().taskGet(bad)).isEmpty();
            assertThat(store().taskEventList(bad)).isEmpty();
            assertThat(store().taskLogList(bad, 0, 10).items()).isEmpty();
            assertThat(store().taskCancel(bad, now(), "alice")).isEmpty();
            assertThat(store().taskRetry(bad, now(), "alice")).isEmpty();
            assertThat(store().taskDelete(bad, true, now(), "alice")).isEmpty();
            assertThat(store().taskUpdate(bad, new TaskPatch("x", null, null, null), now(), "a"))
                    .isEmpty();
        }
        assertThat(store().taskGet(null)).isEmpty();
    }

    @Test
    void ids_are_unique_across_inserts() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            for (Task t : insert(task().build(), task().build())) {
                assertThat(seen.add(t.id())).isTrue();
            }
        }
    }
}
