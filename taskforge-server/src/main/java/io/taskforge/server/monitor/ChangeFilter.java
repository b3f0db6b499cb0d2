package io.taskforge.server.monitor;

import io.taskforge.client.FieldError;
import io.taskforge.client.TaskLimits;
import io.taskforge.client.TaskValidationException;
import io.taskforge.server.problem.InvalidRequestException;
import io.taskforge.store.TaskChange;
import io.taskforge.task.TaskStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which task changes an event stream sends. Each filter is a comma list (or a repeated parameter);
 * an empty one lets everything through. A change passes when its task is in one of the {@code
 * queues} and of the {@code types}, carries every one of the {@code tags} (as {@code GET /tasks}
 * reads {@code tag}), and its new status is one of the {@code statuses}: {@code status=SUCCEEDED,FAILED}
 * sends each completion once. A {@code tenantId} lets only that tenant's tasks through; null lets
 * every tenant's through (a stream opened by the API always names its caller's tenant).
 */
record ChangeFilter(
        Set<String> queues, Set<String> types, Set<String> tags, Set<TaskStatus> statuses, String tenantId) {
    static final ChangeFilter ALL = new ChangeFilter(Set.of(), Set.of(), Set.of(), Set.of(), null);
    /** Values per filter: a stream is for a few queues or types, not a list of hundreds. */
    static final int MAX_VALUES = 50;

    boolean matches(TaskChange change) {
        var task = change.task();
        return (tenantId == null || tenantId.equals(task.tenantId()))
                && (queues.isEmpty() || queues.contains(task.queue()))
                && (types.isEmpty() || types.contains(task.type()))
                && (tags.isEmpty() || task.tags().containsAll(tags))
                && (statuses.isEmpty() || statuses.contains(change.toStatus()));
    }

    /**
     * Reads the query parameters: an unknown status is a 400 ({@link InvalidRequestException}), a value
     * too long or too many values a 422 ({@link TaskValidationException}), every problem listed.
     */
    static ChangeFilter parse(List<String> queue, List<String> type, List<String> tag, List<String> status) {
        List<FieldError> unreadable = new ArrayList<>();
        List<FieldError> outOfBounds = new ArrayList<>();
        Set<String> queues = texts("queue", queue, TaskLimits.MAX_QUEUE_CHARS, outOfBounds);
        Set<String> types = texts("type", type, TaskLimits.MAX_TYPE_CHARS, outOfBounds);
        Set<String> tags = texts("tag", tag, TaskLimits.MAX_TAG_CHARS, outOfBounds);
        Set<TaskStatus> statuses = EnumSet.noneOf(TaskStatus.class);
        for (String s : split(status)) {
            try {
                statuses.add(TaskStatus.valueOf(s.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                unreadable.add(new FieldError(
                        "status",
                        "'" + abbreviate(s) + "' is not one of "
                                + Arrays.stream(TaskStatus.values())
                                        .map(Enum::name)
                                        .collect(Collectors.joining(", "))));
            }
        }
        if (!unreadable.isEmpty()) {
            throw new InvalidRequestException(unreadable);
        }
        if (!outOfBounds.isEmpty()) {
            throw new TaskValidationException(outOfBounds);
        }
        return new ChangeFilter(queues, types, tags, statuses, null);
    }

    /** This filter, letting only the tasks of {@code tenant} through. */
    ChangeFilter inTenant(String tenant) {
        return new ChangeFilter(queues, types, tags, statuses, tenant);
    }

    private static Set<String> texts(String field, List<String> values, int maxChars, List<FieldError> errors) {
        Set<String> result = new LinkedHashSet<>(split(values));
        if (result.size() > MAX_VALUES) {
            errors.add(new FieldError(field, "at most " + MAX_VALUES + " values"));
        }
        if (result.stream().anyMatch(v -> v.length() > maxChars)) {
            errors.add(new FieldError(field, "each value must be at most " + maxChars + " characters"));
        }
        return Set.copyOf(result);
    }

    private static List<String> split(List<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .toList();
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
