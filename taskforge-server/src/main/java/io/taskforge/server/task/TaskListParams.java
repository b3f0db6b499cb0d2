package io.taskforge.server.task;

import io.taskforge.client.TaskLimits;
import io.taskforge.server.problem.QueryParams;
import io.taskforge.task.Priority;
import io.taskforge.task.TaskQuery;
import io.taskforge.task.TaskSort;
import io.taskforge.task.TaskStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the query parameters of {@code GET /tasks} into a {@link TaskQuery}, collecting every
 * problem: values that cannot be read (an unknown status, a limit that is not a number) are a 400,
 * values that read but are out of bounds (limit 0) a 422.
 */
final class TaskListParams {
    static final int MAX_TEXT_CHARS = 200;

    private final QueryParams p = new QueryParams();

    private TaskListParams() {}

    static TaskQuery parse(
            List<String> status,
            List<String> priority,
            List<String> tag,
            String queue,
            String type,
            String q,
            String createdAfter,
            String createdBefore,
            String pipelineRunId,
            String sort,
            String limit,
            String cursor,
            String includeTotal) {
        var params = new TaskListParams();
        QueryParams p = params.p;
        TaskQuery.Builder b = TaskQuery.builder()
                .statuses(params.enums("status", status, TaskStatus.class))
                .priorities(params.enums("priority", priority, Priority.class))
                .tags(params.tags(tag))
                .queue(p.bounded("queue", queue, TaskLimits.MAX_QUEUE_CHARS))
                .type(p.bounded("type", type, TaskLimits.MAX_TYPE_CHARS))
                .text(p.bounded("q", q, MAX_TEXT_CHARS))
                .createdAfter(p.instant("createdAfter", createdAfter))
                .createdBefore(p.instant("createdBefore", createdBefore))
                .pipelineRunId(p.bounded("pipelineRunId", pipelineRunId, TaskLimits.MAX_KEY_CHARS))
                .sort(params.sort(sort))
                .limit(p.limit(limit, TaskQuery.DEFAULT_LIMIT, TaskQuery.MAX_LIMIT))
                .cursor(p.bounded("cursor", cursor, 1000))
                .includeTotal(p.bool("includeTotal", includeTotal));
        p.check();
        return b.build();
    }

    private <E extends Enum<E>> Set<E> enums(String field, List<String> values, Class<E> type) {
        Set<E> result = EnumSet.noneOf(type);
        for (String value : split(values)) {
            E e = p.enumValue(field, value, type);
            if (e != null) {
                result.add(e);
            }
        }
        return result;
    }

    private List<String> tags(List<String> values) {
        List<String> tags = new ArrayList<>(new LinkedHashSet<>(split(values)));
        if (tags.size() > TaskLimits.MAX_TAGS) {
            p.outOfBounds("tag", "at most " + TaskLimits.MAX_TAGS + " tags");
        }
        for (String t : tags) {
            if (t.length() > TaskLimits.MAX_TAG_CHARS) {
                p.outOfBounds("tag", "must be at most " + TaskLimits.MAX_TAG_CHARS + " characters");
                break;
            }
        }
        return tags;
    }

    private TaskSort sort(String value) {
        if (value == null || value.isBlank()) {
            return TaskSort.CREATED_AT_DESC;
        }
        TaskSort sort = TaskSort.ofWireName(value.strip());
        if (sort == null) {
            p.unreadable(
                    "sort",
                    "'" + value + "' is not one of "
                            + Arrays.stream(TaskSort.values())
                                    .map(TaskSort::wireName)
                                    .collect(Collectors.joining(", ")));
            return TaskSort.CREATED_AT_DESC;
        }
        return sort;
    }

    /** Repeated parameters and comma lists alike: {@code status=QUEUED,RUNNING&status=FAILED}. */
    private static List<String> split(List<String> values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                if (v == null) {
                    continue;
                }
                for (String part : v.split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.strip());
                    }
                }
            }
        }
        return out;
    }
}
