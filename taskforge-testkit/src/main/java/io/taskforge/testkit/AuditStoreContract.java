package io.taskforge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskforge.audit.ActorKind;
import io.taskforge.audit.AuditEvent;
import io.taskforge.audit.AuditPage;
import io.taskforge.audit.AuditQuery;
import io.taskforge.audit.AuditRetention;
import io.taskforge.audit.AuditStore;
import io.taskforge.audit.Outcome;
import io.taskforge.store.InvalidCursorException;
import io.taskforge.store.TaskStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link AuditStore} must show, as one JUnit suite each store runs:
 *
 * <pre>{@code
 * class SqliteAuditStoreTest extends AuditStoreContract {
 *     @TempDir Path dir;
 *
 *     protected TaskStore createStore() { return JdbcStores.sqlite(dir.resolve("tasks.db")); }
 *     protected AuditStore auditStore(TaskStore store) { return JdbcStores.audit(store); }
 * }
 * }</pre>
 *
 * The audit log is kept beside the tasks, so each test opens a task store on an empty database with
 * {@link #createStore()}, takes its audit log from {@link #auditStore}, and closes the task store
 * afterwards. Time is {@link #clock}; events carry their own time.
 */
public abstract class AuditStoreContract {
    /** The time events are made at; tests move it. */
    protected final SettableClock clock = new SettableClock();

    private TaskStore tasks;
    private AuditStore audit;

    /** A task store on an empty database, which the suite closes after the test. */
    protected abstract TaskStore createStore();

    /** The audit log kept with {@code store}. */
    protected abstract AuditStore auditStore(TaskStore store);

    @BeforeEach
    final void openStore() {
        tasks = createStore();
        audit = auditStore(tasks);
    }

    @AfterEach
    final void closeStore() {
        if (tasks != null) {
            tasks.close();
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private AuditEvent event(String tenant, String actor, String action, String targetId, Outcome outcome) {
        return AuditEvent.of(
                tenant,
                clock.instant(),
                actor,
                ActorKind.USER,
                action,
                "task",
                targetId,
                "192.0.2.7",
                outcome,
                outcome == Outcome.SUCCEEDED ? 200 : 404,
                null);
    }

    /** Appends one event now, then moves the clock a millisecond on. */
    private AuditEvent append(String tenant, String actor, String action, String targetId, Outcome outcome) {
        AuditEvent e = event(tenant, actor, action, targetId, outcome);
        audit.auditAppend(List.of(e));
        clock.advance(Duration.ofMillis(1));
        return e;
    }

    private List<String> ids(AuditQuery.Builder query) {
        return audit.auditList(query.build()).items().stream()
                .map(AuditEvent::id)
                .toList();
    }

    private static List<String> newestFirst(AuditEvent... events) {
        List<String> ids = new ArrayList<>();
        for (int i = events.length - 1; i >= 0; i--) {
            ids.add(events[i].id());
        }
        return ids;
    }

    // ---- appending ----------------------------------------------------------------------------------

    @Test
    void appended_events_read_back_field_for_field() {
        AuditEvent full = new AuditEvent(
                AuditEvent.of(
                                "default",
                                clock.instant(),
                                "x",
                                ActorKind.SYSTEM,
                                "a",
                                null,
                                null,
                                null,
                                Outcome.FAILED,
                                null,
                                null)
                        .id(),
                "default",
                clock.instant(),
                "alice",
                ActorKind.API_KEY,
                "script.update",
                "script",
                "nightly-report",
                "2001:db8::1",
                Outcome.DENIED,
                422,
                "TaskValidationException");
        AuditEvent bare = AuditEvent.of(
                null,
                clock.instant().plusMillis(1),
                null,
                ActorKind.ANONYMOUS,
                "auth.login",
                null,
                null,
                null,
                Outcome.DENIED,
                null,
                null);

        audit.auditAppend(List.of(full, bare));

        assertThat(audit.auditList(AuditQuery.builder().build()).items()).containsExactly(bare, full);
    }

    @Test
    void a_batch_is_stored_whole_and_a_repeated_batch_once() {
        List<AuditEvent> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            batch.add(event("default", "alice", "task.create", "t" + i, Outcome.SUCCEEDED));
        }

        audit.auditAppend(batch);
        audit.auditAppend(batch.subList(100, 300));

        AuditPage page =
                audit.auditList(AuditQuery.forTenant("default").limit(500).build());
        assertThat(page.items()).hasSize(300).doesNotHaveDuplicates();
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void an_empty_batch_is_nothing() {
        audit.auditAppend(List.of());

        assertThat(audit.auditList(AuditQuery.builder().build()).items()).isEmpty();
    }

    @Test
    void events_made_in_the_same_millisecond_read_newest_first_by_id() {
        AuditEvent first = event("default", "alice", "task.create", "a", Outcome.SUCCEEDED);
        AuditEvent second = event("default", "alice", "task.create", "b", Outcome.SUCCEEDED);

        audit.auditAppend(List.of(second, first));

        assertThat(ids(AuditQuery.forTenant("default"))).containsExactly(second.id(), first.id());
    }

    // ---- filters ------------------------------------------------------------------------------------

    @Test
    void each_filter_narrows_the_log_and_filters_combine() {
        AuditEvent create = append("default", "alice", "task.create", "t1", Outcome.SUCCEEDED);
        AuditEvent cancel = append("default", "alice", "task.cancel", "t1", Outcome.SUCCEEDED);
        AuditEvent refused = append("default", "bob", "task.cancel", "t2", Outcome.DENIED);
        AuditEvent script = AuditEvent.of(
                "default",
                clock.instant(),
                "bob",
                ActorKind.USER,
                "script.create",
                "script",
                "t1",
                null,
                Outcome.SUCCEEDED,
                201,
                null);
        audit.auditAppend(List.of(script));

        assertThat(ids(AuditQuery.forTenant("default").actor("alice")))
                .containsExactlyElementsOf(newestFirst(create, cancel));
        assertThat(ids(AuditQuery.forTenant("default").action("task.cancel")))
                .containsExactlyElementsOf(newestFirst(cancel, refused));
        assertThat(ids(AuditQuery.forTenant("default").targetId("t1")))
                .containsExactlyElementsOf(newestFirst(create, cancel, script));
        assertThat(ids(AuditQuery.forTenant("default").targetType("task").targetId("t1")))
                .containsExactlyElementsOf(newestFirst(create, cancel));
        assertThat(ids(AuditQuery.forTenant("default").outcome(Outcome.DENIED))).containsExactly(refused.id());
        assertThat(ids(AuditQuery.forTenant("default")
                        .actor("bob")
                        .action("task.cancel")
                        .outcome(Outcome.DENIED)))
                .containsExactly(refused.id());
        assertThat(ids(AuditQuery.forTenant("default").actor("carol"))).isEmpty();
    }

    @Test
    void from_is_inclusive_and_to_exclusive() {
        AuditEvent early = append("default", "alice", "task.create", "t1", Outcome.SUCCEEDED);
        AuditEvent middle = append("default", "alice", "task.create", "t2", Outcome.SUCCEEDED);
        AuditEvent late = append("default", "alice", "task.create", "t3", Outcome.SUCCEEDED);

        assertThat(ids(AuditQuery.forTenant("default").from(middle.at())))
                .containsExactlyElementsOf(newestFirst(middle, late));
        assertThat(ids(AuditQuery.forTenant("default").to(middle.at()))).containsExactly(early.id());
        assertThat(ids(AuditQuery.forTenant("default").from(middle.at()).to(late.at())))
                .containsExactly(middle.id());
    }

    // ---- tenants ------------------------------------------------------------------------------------

    @Test
    void a_tenant_reads_only_its_own_events() {
        AuditEvent ours = append("default", "alice", "task.create", "t1", Outcome.SUCCEEDED);
        AuditEvent theirs = append("acme", "alice", "task.create", "t1", Outcome.SUCCEEDED);
        AuditEvent nobodys = append(null, null, "task.create", null, Outcome.DENIED);

        assertThat(ids(AuditQuery.forTenant("default"))).containsExactly(ours.id());
        assertThat(ids(AuditQuery.forTenant("acme").actor("alice").targetId("t1")))
                .containsExactly(theirs.id());
        assertThat(ids(AuditQuery.forTenant("nobody"))).isEmpty();
        assertThat(ids(AuditQuery.builder())).containsExactlyElementsOf(newestFirst(ours, theirs, nobodys));
    }

    // ---- paging -------------------------------------------------------------------------------------

    @Test
    void pages_follow_each_other_newest_first_without_gaps_or_repeats() {
        List<AuditEvent> all = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            all.add(append("default", "alice", "task.update", "t", Outcome.SUCCEEDED));
        }
        // Two more in one millisecond, so a page boundary falls between equal times.
        AuditEvent same1 = event("default", "alice", "task.update", "t", Outcome.SUCCEEDED);
        AuditEvent same2 = event("default", "alice", "task.update", "t", Outcome.SUCCEEDED);
        audit.auditAppend(List.of(same1, same2));
        all.add(same1);
        all.add(same2);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            AuditPage page = audit.auditList(AuditQuery.forTenant("default")
                    .targetId("t")
                    .limit(2)
                    .cursor(cursor)
                    .build());
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            page.items().forEach(e -> seen.add(e.id()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null && pages < 20);

        assertThat(seen).containsExactlyElementsOf(newestFirst(all.toArray(AuditEvent[]::new)));
        assertThat(pages).isEqualTo(5);
    }

    @Test
    void events_appended_while_paging_do_not_shift_the_pages() {
        AuditEvent a = append("default", "alice", "task.create", "t1", Outcome.SUCCEEDED);
        AuditEvent b = append("default", "alice", "task.create", "t2", Outcome.SUCCEEDED);
        AuditEvent c = append("default", "alice", "task.create", "t3", Outcome.SUCCEEDED);
        AuditPage first =
                audit.auditList(AuditQuery.forTenant("default").limit(2).build());

        append("default", "alice", "task.create", "t4", Outcome.SUCCEEDED);
        AuditPage second = audit.auditList(AuditQuery.forTenant("default")
                .limit(2)
                .cursor(first.nextCursor())
                .build());

        assertThat(first.items()).extracting(AuditEvent::id).containsExactly(c.id(), b.id());
        assertThat(second.items()).extracting(AuditEvent::id).containsExactly(a.id());
        assertThat(second.nextCursor()).isNull();
    }

    @Test
    void a_cursor_the_store_did_not_hand_out_is_refused() {
        append("default", "alice", "task.create", "t1", Outcome.SUCCEEDED);

        for (String bad : List.of("nonsense", "YTE6MTox", "", "a1:5:x:y")) {
            assertThatThrownBy(() -> audit.auditList(
                            AuditQuery.forTenant("default").cursor(bad).build()))
                    .as("cursor %s", bad)
                    .isInstanceOf(InvalidCursorException.class);
        }
    }

    // ---- retention ----------------------------------------------------------------------------------

    @Test
    void purge_removes_only_events_older_than_the_cutoff_oldest_first_in_batches() {
        List<AuditEvent> old = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            old.add(append("default", "alice", "task.create", "old" + i, Outcome.SUCCEEDED));
        }
        Instant cutoff = clock.instant();
        AuditEvent kept = append("acme", "alice", "task.create", "new", Outcome.SUCCEEDED);

        assertThat(audit.auditPurge(cutoff, 3)).isEqualTo(3);
        assertThat(ids(AuditQuery.builder())).containsExactlyElementsOf(newestFirst(old.get(3), old.get(4), kept));

        assertThat(audit.auditPurge(cutoff, 3)).isEqualTo(2);
        assertThat(audit.auditPurge(cutoff, 3)).isZero();
        assertThat(ids(AuditQuery.builder())).containsExactly(kept.id());
    }

    @Test
    void the_retention_duty_keeps_its_period_of_history() {
        AuditEvent old = append("default", "alice", "task.create", "t1", Outcome.SUCCEEDED);
        clock.advance(Duration.ofDays(10));
        AuditEvent recent = append("default", "alice", "task.create", "t2", Outcome.SUCCEEDED);
        AuditRetention retention = new AuditRetention(audit, Duration.ofDays(5));

        retention.runOnce(clock.instant());

        assertThat(ids(AuditQuery.forTenant("default"))).containsExactly(recent.id());
        assertThat(old.at()).isBefore(recent.at());
    }
}
