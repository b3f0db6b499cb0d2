package io.taskforge.server.problem;

import io.taskforge.client.FieldError;
import io.taskforge.client.TaskValidationException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads the query parameters of a list request, collecting every problem rather than stopping at
 * the first: values that cannot be read (an unknown name, a time that is not ISO-8601, a limit that
 * is not a number) answer 400, values that read but are out of bounds (limit 0, a text longer than
 * any stored) 422. Each reader answers a harmless value after a problem, so one parse names all.
 */
public final class QueryParams {
    private final List<FieldError> unreadable = new ArrayList<>();
    private final List<FieldError> outOfBounds = new ArrayList<>();

    /** Throws the problems found, if any: the unreadable ones first. */
    public void check() {
        if (!unreadable.isEmpty()) {
            throw new InvalidRequestException(unreadable);
        }
        if (!outOfBounds.isEmpty()) {
            throw new TaskValidationException(outOfBounds);
        }
    }

    public void unreadable(String field, String message) {
        unreadable.add(new FieldError(field, message));
    }

    public void outOfBounds(String field, String message) {
        outOfBounds.add(new FieldError(field, message));
    }

    /** The text, or null when absent or blank; too long is out of bounds. */
    public String bounded(String field, String value, int maxChars) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > maxChars) {
            outOfBounds(field, "must be at most " + maxChars + " characters");
            return null;
        }
        return value;
    }

    /** An ISO-8601 time with an offset, or null when absent. */
    public Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            // An unencoded '+' of an offset arrives as a space.
            return OffsetDateTime.parse(value.strip().replace(' ', '+')).toInstant();
        } catch (DateTimeParseException e) {
            unreadable(field, "must be an ISO-8601 timestamp such as 2026-01-31T12:00:00Z");
            return null;
        }
    }

    /** A page size of 1..{@code max}, {@code fallback} when absent. */
    public int limit(String value, int fallback, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        int limit;
        try {
            limit = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            unreadable("limit", "must be an integer");
            return fallback;
        }
        if (limit < 1 || limit > max) {
            outOfBounds("limit", "must be between 1 and " + max);
            return fallback;
        }
        return limit;
    }

    /** {@code true} or {@code false} in any case; false when absent. */
    public boolean bool(String field, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                unreadable(field, "must be true or false");
                yield false;
            }
        };
    }

    /** One constant of {@code type} by name in any case, or null when absent. */
    public <E extends Enum<E>> E enumValue(String field, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            unreadable(field, "'" + value.strip() + "' is not one of " + names(type.getEnumConstants()));
            return null;
        }
    }

    /** The names of {@code values}, comma-separated, for a message listing what is allowed. */
    public static String names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.joining(", "));
    }
}
