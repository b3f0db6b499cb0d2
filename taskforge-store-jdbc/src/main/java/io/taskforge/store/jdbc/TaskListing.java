package io.taskforge.store.jdbc;

import io.taskforge.jdbc.JdbcRunner;
import io.taskforge.store.jdbc.dialect.Dialect;
import io.taskforge.task.Priority;
import io.taskforge.task.Task;
import io.taskforge.task.TaskPage;
import io.taskforge.task.TaskQuery;
import io.taskforge.task.TaskSort;
import io.taskforge.task.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Task lists: every filter of {@link TaskQuery} combinable, keyset pages.
 *
 * <p>A page reads {@code limit + 1} rows to know whether another page follows, and the next
 * page starts strictly after the last row shown, by {@code (sort value, id)}: rows added or
 * removed meanwhile never shift a page, so paging shows no row twice and skips none that stayed.
 */
final class TaskListing {
    private final StoreDb db;
    private final Dialect d;
    private final TaskRows rows;

    TaskListing(StoreDb db, TaskRows rows) {
        this.db = db;
        this.d = db.dialect();
        this.rows = rows;
    }

    TaskPage list(TaskQuery q) {
        PageCursor after = q.cursor() == null ? null : PageCursor.decode(q.cursor(), q.sort());
        String column = sortColumn(q.sort());
        String direction = q.sort().descending() ? "DESC" : "ASC";

        return db.read("list tasks", c -> {
            Long total = null;
            if (q.includeTotal()) {
                Args args = db.args();
                String where = filters(q, args);
                total = JdbcRunner.queryFirst(
                                c, "SELECT count(*) FROM tf_task t WHERE " + where, args, rs -> rs.getLong(1))
                        .orElse(0L);
            }
            Args args = db.args();
            StringBuilder sql = new StringBuilder(rows.selectWithTags())
                    .append(" FROM tf_task t WHERE ")
                    .append(filters(q, args));
            String comparison = q.sort().descending() ? " < " : " > ";
            if (after != null && column == null) {
                sql.append(" AND t.id").append(comparison).append('?');
                args.id(after.id());
            } else if (after != null) {
                sql.append(" AND (t.")
                        .append(column)
                        .append(", t.id)")
                        .append(comparison)
                        .append("(?, ?)");
                bindSortValue(args, q.sort(), after.value());
                args.id(after.id());
            }
            sql.append(" ORDER BY ");
            if (column != null) {
                sql.append("t.").append(column).append(' ').append(direction).append(", ");
            }
            sql.append("t.id ").append(direction).append(" LIMIT ?");
            args.integer(q.limit() + 1);
            List<Task> found = JdbcRunner.query(c, sql.toString(), args, rows.mapperWithTags());
            boolean more = found.size() > q.limit();
            List<Task> page = more ? found.subList(0, q.limit()) : found;
            String next = more ? cursorAfter(page.getLast(), q.sort()).encode() : null;
            return new TaskPage(page, next, total);
        });
    }

    /** The WHERE clause of a query, its parameters added to {@code args}. */
    private String filters(TaskQuery q, Args args) {
        List<String> where = new ArrayList<>();
        where.add("t.deleted_at IS NULL");
        if (q.tenantId() != null) {
            where.add("t.tenant_id = ?");
            args.text(q.tenantId());
        }
        if (!q.statuses().isEmpty()) {
            where.add(statusIn(q.statuses()));
        }
        if (!q.priorities().isEmpty()) {
            where.add("t.priority IN (" + placeholders(q.priorities().size()) + ")");
            q.priorities().stream().map(Priority::rank).sorted().forEach(args::integer);
        }
        for (String tag : new LinkedHashSet<>(q.tags())) {
            where.add("EXISTS (SELECT 1 FROM tf_task_tag tt WHERE tt.task_id = t.id AND tt.tag = ?)");
            args.text(tag);
        }
        if (q.queue() != null) {
            where.add("t.queue = ?");
            args.text(q.queue());
        }
        if (q.type() != null) {
            where.add("t.type = ?");
            args.text(q.type());
        }
        if (q.text() != null && !q.text().isBlank()) {
            String pattern = "%" + escapeLike(q.text().strip()) + "%";
            where.add("(" + d.containsIgnoreCase("t.title") + " OR " + d.containsIgnoreCase("t.description") + ")");
            args.text(pattern).text(pattern);
        }
        if (q.createdAfter() != null) {
            where.add("t.created_at >= ?");
            args.instant(q.createdAfter());
        }
        if (q.createdBefore() != null) {
            where.add("t.created_at < ?");
            args.instant(q.createdBefore());
        }
        if (q.pipelineRunId() != null) {
            where.add("t.pipeline_run_id = ?");
            args.text(q.pipelineRunId());
        }
        return String.join(" AND ", where);
    }

    /** Escapes LIKE wildcards with {@code !}, the escape character the dialects declare. */
    static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    /**
     * The status filter as literals joined by OR, never as bound parameters or an IN list: each
     * status has its own partial index (claim, lease, status), and a planner picks a partial
     * index only for a condition it can see implies that index's predicate, one OR arm each.
     * Statuses are enum names, so the literals are safe.
     */
    private static String statusIn(Set<TaskStatus> statuses) {
        return statuses.stream()
                .map(s -> "t.status = '" + s.name() + "'")
                .sorted()
                .collect(Collectors.joining(" OR ", "(", ")"));
    }

    /**
     * The column a sort orders by before the id, or null for creation time: ids are UUIDv7 made
     * from the creation time by the process that created the task, so the primary key already
     * holds creation order and needs no index of its own.
     */
    private static String sortColumn(TaskSort sort) {
        return switch (sort) {
            case CREATED_AT_ASC, CREATED_AT_DESC -> null;
            case PRIORITY_ASC, PRIORITY_DESC -> "priority";
            case UPDATED_AT_ASC, UPDATED_AT_DESC -> "updated_at";
        };
    }

    private static void bindSortValue(Args args, TaskSort sort, long value) {
        switch (sort) {
            case PRIORITY_ASC, PRIORITY_DESC -> args.integer(Math.toIntExact(value));
            default -> args.instant(Instant.ofEpochMilli(value));
        }
    }

    private static PageCursor cursorAfter(Task last, TaskSort sort) {
        long value = switch (sort) {
            case CREATED_AT_ASC, CREATED_AT_DESC -> last.createdAt().toEpochMilli();
            case PRIORITY_ASC, PRIORITY_DESC -> last.priority().rank();
            case UPDATED_AT_ASC, UPDATED_AT_DESC -> last.updatedAt().toEpochMilli();
        };
        return new PageCursor(sort, value, last.id().toLowerCase(Locale.ROOT));
    }
}
