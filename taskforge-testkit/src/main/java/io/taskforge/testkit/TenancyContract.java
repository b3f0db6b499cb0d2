package io.taskforge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskforge.store.ClaimParams;
import io.taskforge.store.Inserted;
import io.taskforge.store.QueueStats;
import io.taskforge.task.Priority;
import io.taskforge.task.Tag;
import io.taskforge.task.Task;
import io.taskforge.task.TaskQuery;
import io.taskforge.task.TaskStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tenants: two tenants with tasks, keys and tags of the same names; each sees only its own in
 * lists, counts, statistics and tags, and neither's keys or tags touch the other's.
 */
abstract class TenancyContract extends StoreContractSupport {
    static final String OTHER = "other";

    TenancyContract(TaskStoreContract contract) {
        super(contract);
    }

    @Test
    void a_list_of_a_tenant_holds_only_its_tasks_and_counts_only_them() {
        Task mine = insert(task().withQueue("mail").withTitle("report"));
        Task theirs = insert(task().withQueue("mail").withTitle("report").withTenant(OTHER));
        Task theirsToo = insert(task().withQueue("mail").withTenant(OTHER));

        assertThat(listIds(
                        TaskQuery.builder().tenantId(TENANT).includeTotal(true).build()))
                .containsExactly(mine.id());
        assertThat(store().taskList(TaskQuery.builder()
                                .tenantId(OTHER)
                                .includeTotal(true)
                                .build())
                        .total())
                .isEqualTo(2);
        assertThat(listIds(TaskQuery.builder().tenantId(OTHER).text("report").build()))
                .containsExactly(theirs.id());
        assertThat(listIds(TaskQuery.builder().tenantId("nobody").build())).isEmpty();
        assertThat(listIds(TaskQuery.builder().queue("mail").build()))
                .containsExactlyInAnyOrder(mine.id(), theirs.id(), theirsToo.id());
        assertThat(listIds(TaskQuery.builder().queue("mail").build().inTenant(TENANT)))
                .containsExactly(mine.id());
    }

    @Test
    void idempotency_and_unique_keys_are_per_tenant() {
        Task mine = insert(task().withIdempotencyKey("order-7").withUniqueKey("nightly"));
        List<Inserted> theirs = store().taskInsertMany(List.of(task().withIdempotencyKey("order-7")
                .withUniqueKey("nightly")
                .withTenant(OTHER)
                .build()));

        assertThat(theirs.getFirst().created()).isTrue();
        assertThat(theirs.getFirst().task().id()).isNotEqualTo(mine.id());
        assertThat(theirs.getFirst().task().tenantId()).isEqualTo(OTHER);
    }

    @Test
    void statistics_of_a_tenant_count_only_its_tasks() {
        insert(task());
        insert(task().withTenant(OTHER).build(), task().withTenant(OTHER).build());

        assertThat(store().taskStats(TENANT, now().minusSeconds(60), now()).countsByStatus())
                .containsEntry(TaskStatus.QUEUED, 1L);
        assertThat(store().taskStats(OTHER, now().minusSeconds(60), now()).countsByStatus())
                .containsEntry(TaskStatus.QUEUED, 2L);
        assertThat(store().taskStats(null, now().minusSeconds(60), now()).countsByStatus())
                .containsEntry(TaskStatus.QUEUED, 3L);
    }

    @Test
    void queue_counts_of_a_tenant_count_only_its_tasks() {
        insert(task().withQueue("mail"));
        insert(
                task().withQueue("mail").withTenant(OTHER).build(),
                task().withQueue("mail").withTenant(OTHER).build());

        assertThat(queued(TENANT, "mail")).isEqualTo(1);
        assertThat(queued(OTHER, "mail")).isEqualTo(2);
        assertThat(queued(null, "mail")).isEqualTo(3);
        assertThat(store().queueStatsList("nobody", now()))
                .extracting(QueueStats::name)
                .doesNotContain("mail");
    }

    private long queued(String tenant, String queue) {
        return store().queueStatsList(tenant, now()).stream()
                .filter(q -> q.name().equals(queue))
                .findFirst()
                .orElseThrow()
                .queued();
    }

    @Test
    void a_claim_for_a_tenant_takes_only_its_tasks_in_claim_order() {
        Task theirsFirst =
                insert(task().withQueue("mail").withPriority(Priority.URGENT).withTenant(OTHER));
        Task mineLow = insert(task().withQueue("mail").withPriority(Priority.LOW));
        Task mineHigh = insert(task().withQueue("mail").withPriority(Priority.HIGH));
        Task mineElsewhere = insert(task().withQueue("bulk"));

        List<Task> one =
                store().taskClaim(new ClaimParams(WORKER, List.of("mail"), 1, now(), now().plus(LEASE), TENANT));
        List<Task> rest = store().taskClaim(
                        new ClaimParams(WORKER, List.of("mail", "bulk"), 10, now(), now().plus(LEASE), TENANT));

        assertThat(ids(one)).containsExactly(mineHigh.id());
        assertThat(ids(rest)).containsExactly(mineElsewhere.id(), mineLow.id());
        assertThat(rest)
                .allMatch(t -> t.status() == TaskStatus.RUNNING && t.tenantId().equals(TENANT));
        assertThat(get(theirsFirst).status()).isEqualTo(TaskStatus.QUEUED);
        assertThat(claim(OTHER_WORKER, 10, "mail")).extracting(Task::id).containsExactly(theirsFirst.id());
    }

    @Test
    void tags_of_the_same_name_are_separate_per_tenant() {
        store().tagCreate(TENANT, "urgent", "#ff0000", now());
        store().tagCreate(OTHER, "urgent", "#00ff00", now());
        Task mine = insert(task().withTags("urgent"));
        Task theirs = insert(task().withTags("urgent", "billing").withTenant(OTHER));

        assertThat(store().tagList(TENANT)).containsExactly(new Tag("urgent", "#ff0000", 1));
        assertThat(store().tagList(OTHER))
                .containsExactly(new Tag("billing", null, 1), new Tag("urgent", "#00ff00", 1));
        assertThat(store().tagUpdate(TENANT, "billing", "#000000")).isEmpty();

        assertThat(store().tagDelete(TENANT, "urgent")).isTrue();
        assertThat(get(mine).tags()).isEmpty();
        assertThat(get(theirs).tags()).containsExactly("urgent", "billing");
        assertThat(store().tagList(OTHER)).extracting(Tag::name).containsExactly("billing", "urgent");
        assertThat(store().tagDelete(TENANT, "billing")).isFalse();
    }
}
