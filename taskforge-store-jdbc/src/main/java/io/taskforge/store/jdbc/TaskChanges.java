package io.taskforge.store.jdbc;

import io.taskforge.jdbc.JdbcRunner;
import io.taskforge.jdbc.StatementBinder;
import io.taskforge.store.TaskChange;
import io.taskforge.store.TaskChangePage;
import io.taskforge.store.jdbc.dialect.Dialect;
import io.taskforge.task.Task;
import io.taskforge.task.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The task change feed: {@code tf_task_event} read forward by id (its primary key), the status
 * changes among the events joined to their tasks as they are now.
 *
 * <p>Why a page can stop at a gap: event ids are drawn when an event is written and become visible
 * when its transaction commits. With one writer at a time (SQLite) that is the same order, so a
 * missing id can only be one that was deleted and the page steps over it. With concurrent writers
 * (PostgreSQL) a reader may see id n+1 while n is still being committed; a reader that stepped past
 * n would never send it. So there the page ends before the first missing id and reports the gap,
 * and the reader decides how long to wait for it (see {@link TaskChangePage.Gap}).
 */
final class TaskChanges {
    private final StoreDb db;
    private final Dialect d;
    private final TaskRows rows;

    TaskChanges(StoreDb db, TaskRows rows) {
        this.db = db;
        this.d = db.dialect();
        this.rows = rows;
    }

    long latestId() {
        return db.read(
                        "read the latest task event id",
                        c -> JdbcRunner.queryFirst(
                                c,
                                "SELECT max(id) AS id FROM tf_task_event",
                                StatementBinder.NONE,
                                rs -> rs.getLong("id")))
                .orElse(0L);
    }

    private record EventRow(long id, String taskId, Instant at, TaskStatus from, TaskStatus to) {
        boolean changesStatus() {
            return to != null && from != to;
        }
    }

    TaskChangePage after(long afterEventId, int limit) {
        if (limit < 1) {
            return new TaskChangePage(List.of(), afterEventId, null);
        }
        boolean idsVisibleInOrder = d.singleWriter();
        return db.read("read task changes", c -> {
            List<EventRow> events = JdbcRunner.query(
                    c,
                    "SELECT id, task_id, at, from_status, to_status FROM tf_task_event WHERE id > ? ORDER BY id LIMIT ?",
                    db.args().bigint(afterEventId).integer(limit),
                    rs -> new EventRow(
                            rs.getLong("id"),
                            d.readId(rs, "task_id"),
                            d.readInstant(rs, "at"),
                            status(rs.getString("from_status")),
                            status(rs.getString("to_status"))));
            List<EventRow> covered = new ArrayList<>(events.size());
            TaskChangePage.Gap gap = null;
            long expected = afterEventId + 1;
            for (EventRow e : events) {
                if (e.id() != expected && !idsVisibleInOrder) {
                    gap = new TaskChangePage.Gap(e.id() - 1, e.at());
                    break;
                }
                covered.add(e);
                expected = e.id() + 1;
            }
            long nextAfter =
                    covered.isEmpty() ? afterEventId : covered.getLast().id();
            Set<String> taskIds = covered.stream()
                    .filter(EventRow::changesStatus)
                    .map(EventRow::taskId)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            // Deleted tasks are left out, as everywhere in the store.
            Map<String, Task> tasks =
                    rows.findAll(c, taskIds).stream().collect(Collectors.toMap(Task::id, Function.identity()));
            List<TaskChange> changes = covered.stream()
                    .filter(EventRow::changesStatus)
                    .filter(e -> tasks.containsKey(e.taskId()))
                    .map(e -> new TaskChange(e.id(), e.at(), e.from(), e.to(), tasks.get(e.taskId())))
                    .toList();
            return new TaskChangePage(changes, nextAfter, gap);
        });
    }

    private static TaskStatus status(String name) {
        return name == null ? null : TaskStatus.valueOf(name);
    }
}
