package io.taskforge.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskforge.audit.ActorKind;
import io.taskforge.audit.AuditEvent;
import io.taskforge.audit.AuditPage;
import io.taskforge.audit.AuditQuery;
import io.taskforge.audit.AuditStore;
import io.taskforge.audit.Outcome;
import io.taskforge.store.TaskStore;
import io.taskforge.store.jdbc.JdbcStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log's writer on a real SQLite store: batches, back-pressure instead of loss, flush on close. */
class AuditLogTest {
    static final AuditLog.Actor ALICE = new AuditLog.Actor("alice", ActorKind.USER, "default", "192.0.2.1");

    @TempDir
    Path dir;

    TaskStore tasks;
    AuditStore store;

    @BeforeEach
    void open() {
        tasks = JdbcStores.sqlite(dir.resolve("taskforge.db"));
        store = JdbcStores.audit(tasks);
    }

    @AfterEach
    void close() {
        tasks.close();
    }

    /** Every stored target id, oldest first. */
    List<String> stored() {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 100; pages++) {
            AuditPage page = store.auditList(
                    AuditQuery.builder().limit(500).cursor(cursor).build());
            page.items().forEach(e -> ids.add(e.targetId()));
            cursor = page.nextCursor();
            if (cursor == null) {
                break;
            }
        }
        return ids.reversed();
    }

    static List<String> targets(int from, int to) {
        List<String> t = new ArrayList<>();
        for (int i = from; i < to; i++) {
            t.add("t" + i);
        }
        return t;
    }

    void record(AuditLog log, int i) {
        log.record(ALICE, "task.create", "task", "t" + i, Outcome.SUCCEEDED, 201, null);
    }

    @Test
    void events_arrive_in_batches_in_the_order_they_were_recorded() {
        CountingStore counting = new CountingStore(store);
        try (AuditLog log = new AuditLog(counting, Clock.systemUTC())) {
            for (int i = 0; i < 1200; i++) {
                record(log, i);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> stored().size() == 1200);
        }

        assertThat(stored()).containsExactlyElementsOf(targets(0, 1200));
        // 1200 events in far fewer commits than events: at most 500 a batch.
        assertThat(counting.appends.get()).isBetween(3, 100);
    }

    @Test
    void close_writes_everything_still_queued() {
        Instant t0 = Instant.now();
        AuditLog log = new AuditLog(store, Clock.systemUTC(), 10_000, 500, Duration.ofSeconds(30));
        for (int i = 0; i < 50; i++) {
            record(log, i);
        }

        log.close();

        assertThat(stored()).containsExactlyElementsOf(targets(0, 50));
        assertThat(Duration.between(t0, Instant.now())).isLessThan(Duration.ofSeconds(10));
        record(log, 50);
        assertThat(stored()).hasSize(51);
    }

    @Test
    void a_full_queue_makes_the_caller_write_rather_than_drop() throws Exception {
        BlockingFirstWrite blocking = new BlockingFirstWrite(store);
        AuditLog log = new AuditLog(blocking, Clock.systemUTC(), 5, 3, Duration.ofMillis(10));
        try {
            record(log, 0);
            assertThat(blocking.writerEntered.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 1; i <= 5; i++) {
                record(log, i);
            }
            assertThat(log.pending()).isEqualTo(5);

            record(log, 6);

            // Written on this thread, at once, with the oldest waiting events.
            assertThat(stored()).containsExactlyInAnyOrder("t6", "t1", "t2");
            assertThat(log.pending()).isEqualTo(3);
        } finally {
            blocking.release.countDown();
            log.close();
        }
        assertThat(stored()).containsExactlyInAnyOrderElementsOf(targets(0, 7)).doesNotHaveDuplicates();
    }

    /** Counts the commits of a real store. */
    static final class CountingStore extends DelegatingStore {
        final AtomicInteger appends = new AtomicInteger();

        CountingStore(AuditStore store) {
            super(store);
        }

        @Override
        public void auditAppend(List<AuditEvent> events) {
            appends.incrementAndGet();
            super.auditAppend(events);
        }
    }

    /** A real store whose writer thread stalls in its first append until released: a slow database. */
    static final class BlockingFirstWrite extends DelegatingStore {
        final CountDownLatch writerEntered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        BlockingFirstWrite(AuditStore store) {
            super(store);
        }

        @Override
        public void auditAppend(List<AuditEvent> events) {
            if (Thread.currentThread().getName().equals("taskforge-audit-writer") && writerEntered.getCount() > 0) {
                writerEntered.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            super.auditAppend(events);
        }
    }

    abstract static class DelegatingStore implements AuditStore {
        private final AuditStore store;

        DelegatingStore(AuditStore store) {
            this.store = store;
        }

        @Override
        public void auditAppend(List<AuditEvent> events) {
            store.auditAppend(events);
        }

        @Override
        public AuditPage auditList(AuditQuery query) {
            return store.auditList(query);
        }

        @Override
        public int auditPurge(Instant before, int limit) {
            return store.auditPurge(before, limit);
        }
    }
}
