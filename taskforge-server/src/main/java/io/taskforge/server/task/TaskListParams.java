package io.taskforge.server.task;

import io.taskforge.client.FieldError;
import io.taskforge.client.TaskLimits;
import io.taskforge.client.TaskValidationException;
import io.taskforge.server.problem.InvalidRequestException;
import io.taskforge.task.Priority;
import io.taskforge.task.TaskQuery;
import io.taskforge.task.TaskSort;
import io.taskforge.task.TaskStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the query parameters of {@code GET /tasks} into a {@link TaskQuery}, collecting every
 * problem: values that cannot be read (an unknown status, a limit that is not a number) are a 400,
 * values that read but are out of bounds (limit 0) a 422.
 */
final class TaskListParams {
    static final int MAX_TEXT_CHARS = 200;

    private final List<FieldError> unreadable = new ArrayList<>();
    private final List<FieldError> outOfBounds = new ArrayList<>();

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
        var p = new TaskListParams();
        TaskQuery.Builder b = TaskQuery.builder()
                .statuses(p.enums("status", status, TaskStatus.class))
                .priorities(p.enums("priority", priority, Priority.class))
                .tags(p.tags(tag))
                .queue(p.bounded("queue", queue, TaskLimits.MAX_QUEUE_CHARS))
                .type(p.bounded("type", type, TaskLimits.MAX_TYPE_CHARS))
                .text(p.bounded("q", q, MAX_TEXT_CHARS))
                .createdAfter(p.instant("createdAfter", createdAfter))
                .createdBefore(p.instant("createdBefore", createdBefore))
                .pipelineRunId(p.bounded("pipelineRunId", pipelineRunId, TaskLimits.MAX_KEY_CHARS))
                .sort(p.sort(sort))
                .limit(p.limit(limit))
                .cursor(p.bounded("cursor", cursor, 1000))
                .includeTotal(p.bool("includeTotal", includeTotal));
        if (!p.unreadable.isEmpty()) {
            throw new InvalidRequestException(p.unreadable);
        }
        if (!p.outOfBounds.isEmpty()) {
            throw new TaskValidationException(p.outOfBounds);
        }
        return b.build();
    }

    private <E extends Enum<E>> Set<E> enums(String field, List<String> values, Class<E> type) {
        Set<E> result = EnumSet.noneOf(type);
        for (String value : split(values)) {
            try {
                result.add(Enum.valueOf(type, value.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                unreadable.add(new FieldError(
                        field,
                        "'" + value + "' is not one of "
                                + Arrays.stream(type.getEnumConstants())
                                        .map(Enum::name)
                                        .collect(Collectors.joining(", "))));
            }
        }
        return result;
    }

    private List<String> tags(List<String> values) {
        List<String> tags = new ArrayList<>(new LinkedHashSet<>(split(values)));
        if (tags.size() > TaskLimits.MAX_TAGS) {
            outOfBounds.add(new FieldError("tag", "at most " + TaskLimits.MAX_TAGS + " tags"));
        }
        for (String t : tags) {
            if (t.length() > TaskLimits.MAX_TAG_CHARS) {
                outOfBounds.add(new FieldError("tag", "must be at most " + TaskLimits.MAX_TAG_CHARS + " characters"));
                break;
            }
        }
        return tags;
    }

    private String bounded(String field, String value, int maxChars) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > maxChars) {
            outOfBounds.add(new FieldError(field, "must be at most " + maxChars + " characters"));
        }
        return value;
    }

    private Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            // An unencoded '+' of an offset arrives as a space.
            return OffsetDateTime.parse(value.strip().replace(' ', '+')).toInstant();
        } catch (DateTimeParseException e) {
            unreadable.add(new FieldError(field, "must be an ISO-8601 timestamp such as 2026-01-31T12:00:00Z"));
            return null;
        }
    }

    private TaskSort sort(String value) {
        if (value == null || value.isBlank()) {
            return TaskSort.CREATED_AT_DESC;
        }
        TaskSort sort = TaskSort.ofWireName(value.strip());
        if (sort == null) {
            unreadable.add(new FieldError(
                    "sort",
                    "'" + value + "' is not one of "
                            + Arrays.stream(TaskSort.values())
                                    .map(TaskSort::wireName)
                                    .collect(Collectors.joining(", "))));
            return TaskSort.CREATED_AT_DESC;
        }
        return sort;
    }

    private int limit(String value) {
        if (value == null || value.isBlank()) {
            return TaskQuery.DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            unreadable.add(new FieldError("limit", "must be an integer"));
            return TaskQuery.DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > TaskQuery.MAX_LIMIT) {
            outOfBounds.add(new FieldError("limit", "must be between 1 and " + TaskQuery.MAX_LIMIT));
            return TaskQuery.DEFAULT_LIMIT;
        }
        return limit;
    }

    private boolean bool(String field, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                unreadable.add(new FieldError(field, "must be true or false"));
                yield false;
            }
        };
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
