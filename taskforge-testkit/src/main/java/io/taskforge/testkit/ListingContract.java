package io.taskforge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskforge.store.InvalidCursorException;
import io.taskforge.task.Priority;
import io.taskforge.task.Task;
import io.taskforge.task.TaskPage;
import io.taskforge.task.TaskPatch;
import io.taskforge.task.TaskQuery;
import io.taskforge.task.TaskSort;
import io.taskforge.task.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** taskList: sorts, filters, keyset pages, totals. */
abstract class ListingContract extends StoreContractSupport {

    ListingContract(TaskStoreContract contract) {
        super(contract);
    }

    /** Tasks created one second apart, with priorities and updates mixed so every sort differs. */
    private List<Task> aMixedSet(int n) {
        List<Task> tasks = new ArrayList<>();
        Priority[] priorities = Priority.values();
        for (int i = 0; i < n; i++) {
            tasks.add(insert(task().withPriority(priorities[(i * 7) % 4]).withTitle("task " + i)));
            clock().advance(Duration.ofSeconds(1));
        }
        // Touch every third task later, in reverse, so updatedAt order is not creation order.
        for (int i = n - 1; i >= 0; i -= 3) {
            store().taskUpdate(tasks.get(i).id(), new TaskPatch("touched " + i, null, null, null), now(), "alice");
            clock().advance(Duration.ofMillis(10));
        }
        return tasks.stream().map(this::get).toList();
    }

    private static Comparator<Task> order(TaskSort sort) {
        Comparator<Task> key = switch (sort) {
            case CREATED_AT_ASC, CREATED_AT_DESC -> Comparator.comparing(Task::createdAt);
            case PRIORITY_ASC, PRIORITY_DESC ->
                Comparator.comparing(t -> t.priority().rank());
            case UPDATED_AT_ASC, UPDATED_AT_DESC -> Comparator.comparing(Task::updatedAt);
        };
        Comparator<Task> withTie = key.thenComparing(Task::id);
        return sort.descending() ? withTie.reversed() : withTie;
    }

    @Test
    void lists_newest_first_by_default() {
        Task older = insert(task());
        clock().advance(Duration.ofSeconds(1));
        Task newer = insert(task());

        assertThat(listIds(TaskQuery.all())).containsExactly(newer.id(), older.id());
    }

    @Test
    void every_sort_orders_by_its_value_then_by_id_in_the_same_direction() {
        List<Task> tasks = aMixedSet(12);
        for (TaskSort sort : TaskSort.values()) {
            List<String> expected =
                    tasks.stream().sorted(order(sort)).map(Task::id).toList();

            assertThat(listIds(TaskQuery.builder().sort(sort).build()))
                    .as("sort %s", sort)
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void pages_through_every_sort_without_gaps_or_duplicates() {
        List<Task> tasks = aMixedSet(23);
        for (TaskSort sort : TaskSort.values()) {
            List<String> expected =
                    tasks.stream().sorted(order(sort)).map(Task::id).toList();

            List<String> seen = new ArrayList<>();
            String cursor = null;
            for (int page = 0; page < 10; page++) {
                TaskPage p = store().taskList(TaskQuery.builder()
                        .sort(sort)
                        .limit(5)
                        .cursor(cursor)
                        .build());
                assertThat(p.items()).hasSizeLessThanOrEqualTo(5);
                p.items().forEach(t -> seen.add(t.id()));
                cursor = p.nextCursor();
                if (cursor == null) {
                    break;
                }
            }

            assertThat(cursor).as("sort %s ends", sort).isNull();
            assertThat(seen).as("sort %s", sort).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void pages_stay_stable_while_tasks_are_added() {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            tasks.add(insert(task()));
            clock().advance(Duration.ofSeconds(1));
        }
        TaskPage first = store().taskList(TaskQuery.builder().limit(3).build());
        insert(task()); // newer than all: would shift an offset-based page

        TaskPage second = store().taskList(
                        TaskQuery.builder().limit(3).cursor(first.nextCursor()).build());

        assertThat(ids(first.items()))
                .containsExactly(
                        tasks.get(5).id(), tasks.get(4).id(), tasks.get(3).id());
        assertThat(ids(second.items()))
                .containsExactly(
                        tasks.get(2).id(), tasks.get(1).id(), tasks.get(0).id());
    }

    @Test
    void the_last_page_has_no_cursor() {
        insert(task().build(), task().build());

        TaskPage exact = store().taskList(TaskQuery.builder().limit(2).build());

        assertThat(exact.items()).hasSize(2);
        assertThat(exact.nextCursor()).isNull();
    }

    @Test
    void counts_the_total_only_when_asked_and_ignores_the_cursor() {
        for (int i = 0; i < 5; i++) {
            insert(task());
            clock().advance(Duration.ofSeconds(1));
        }
        TaskPage first = store().taskList(TaskQuery.builder().limit(2).build());
        TaskPage counted = store().taskList(TaskQuery.builder()
                .limit(2)
                .cursor(first.nextCursor())
                .includeTotal(true)
                .build());

        assertThat(first.total()).isNull();
        assertThat(counted.total()).isEqualTo(5L);
    }

    @Test
    void rejects_cursors_it_did_not_hand_out_or_that_belong_to_another_sort() {
        for (int i = 0; i < 3; i++) {
            insert(task());
            clock().advance(Duration.ofSeconds(1));
        }
        String cursor = store().taskList(TaskQuery.builder().limit(1).build()).nextCursor();
        String made = Base64.getUrlEncoder().encodeToString("-createdAt|0|x".getBytes(StandardCharsets.UTF_8));

        for (String bad : List.of("garbage!", "", made, cursor.substring(1), cursor + "AA")) {
            assertThatThrownBy(() ->
                            store().taskList(TaskQuery.builder().cursor(bad).build()))
                    .as("cursor %s", bad)
                    .isInstanceOf(InvalidCursorException.class);
        }
        assertThatThrownBy(() -> store().taskList(TaskQuery.builder()
                        .sort(TaskSort.PRIORITY_DESC)
                        .cursor(cursor)
                        .build()))
                .isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void filters_by_status_priority_queue_type_and_pipeline_run() {
        Task queued = insert(task().withQueue("q1").withType("a").withPriority(Priority.HIGH));
        Task scheduled = insert(task().withStatus(TaskStatus.SCHEDULED)
                .withRunAt(now().plusSeconds(60))
                .withQueue("q2")
                .withType("b"));
        Task step = insert(task().withStatus(TaskStatus.PENDING).withPipelineRun("run-9", "load"));

        assertThat(listIds(TaskQuery.builder().status(TaskStatus.SCHEDULED).build()))
                .containsExactly(scheduled.id());
        assertThat(listIds(TaskQuery.builder()
                        .statuses(Set.of(TaskStatus.QUEUED, TaskStatus.PENDING))
                        .build()))
                .containsExactlyInAnyOrder(queued.id(), step.id());
        assertThat(listIds(TaskQuery.builder().priorities(Set.of(Priority.HIGH)).build()))
                .containsExactly(queued.id());
        assertThat(listIds(TaskQuery.builder().queue("q2").build())).containsExactly(scheduled.id());
        assertThat(listIds(TaskQuery.builder().type("a").build())).containsExactly(queued.id());
        assertThat(listIds(TaskQuery.builder().pipelineRunId("run-9").build())).containsExactly(step.id());
    }

    @Test
    void filters_by_creation_time_from_inclusive_to_exclusive() {
        Task a = insert(task());
        clock().advance(Duration.ofSeconds(10));
        Task b = insert(task());
        clock().advance(Duration.ofSeconds(10));
        Task c = insert(task());

        assertThat(listIds(TaskQuery.builder()
                        .createdAfter(b.createdAt())
                        .createdBefore(c.createdAt())
                        .build()))
                .containsExactly(b.id());
        assertThat(listIds(TaskQuery.builder().createdBefore(b.createdAt()).build()))
                .containsExactly(a.id());
    }

    @Test
    void tag_filter_needs_every_tag() {
        Task both = insert(task().withTags("etl", "nightly"));
        Task one = insert(task().withTags("etl"));
        insert(task().withTags("nightly"));

        assertThat(listIds(TaskQuery.builder().tags(List.of("etl", "nightly")).build()))
                .containsExactly(both.id());
        assertThat(listIds(TaskQuery.builder().tags(List.of("etl")).build()))
                .containsExactlyInAnyOrder(both.id(), one.id());
        assertThat(listIds(TaskQuery.builder().tags(List.of("missing")).build()))
                .isEmpty();
    }

    @Test
    void text_matches_title_or_description_ignoring_case() {
        Task inTitle = insert(task().withTitle("Export Monthly Report"));
        Task inDescription = insert(task().withTitle("other").withDescription("the monthly REPORT, again"));
        insert(task().withTitle("weekly"));

        assertThat(listIds(TaskQuery.builder().text("monthly report").build()))
                .containsExactlyInAnyOrder(inTitle.id(), inDescription.id());
    }

    @Test
    void text_treats_like_wildcards_as_plain_characters() {
        Task percent = insert(task().withTitle("100% done"));
        Task underscore = insert(task().withTitle("file_name"));
        insert(task().withTitle("1000 done"));
        insert(task().withTitle("filexname"));
        Task bang = insert(task().withTitle("wow! it works"));

        assertThat(listIds(TaskQuery.builder().text("0%").build())).containsExactly(percent.id());
        assertThat(listIds(TaskQuery.builder().text("e_n").build())).containsExactly(underscore.id());
        assertThat(listIds(TaskQuery.builder().text("w!").build())).containsExactly(bang.id());
    }

    @Test
    void filters_combine() {
        Task match = insert(task().withQueue("q").withType("t").withTags("x").withTitle("needle"));
        insert(task().withQueue("q").withType("t").withTags("x").withTitle("hay"));
        insert(task().withQueue("q").withType("other").withTags("x").withTitle("needle"));
        insert(task().withQueue("other").withType("t").withTags("x").withTitle("needle"));
        insert(task().withQueue("q").withType("t").withTitle("needle"));

        TaskPage page = store().taskList(TaskQuery.builder()
                .queue("q")
                .type("t")
                .tags(List.of("x"))
                .text("needle")
                .status(TaskStatus.QUEUED)
                .priorities(Set.of(Priority.NORMAL))
                .includeTotal(true)
                .build());

        assertThat(ids(page.items())).containsExactly(match.id());
        assertThat(page.total()).isEqualTo(1L);
    }

    @Test
    void page_items_carry_their_tags() {
        insert(task().withTags("b", "a"));

        assertThat(store().taskList(TaskQuery.all()).items().getFirst().tags()).containsExactly("b", "a");
    }
}
