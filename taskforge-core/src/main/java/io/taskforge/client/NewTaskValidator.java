package io.taskforge.client;

import io.taskforge.json.JsonCodec;
import io.taskforge.task.NewTask;
import io.taskforge.task.TaskPatch;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/** Checks submissions against {@link TaskLimits} and collects every error, not just the first. */
final class NewTaskValidator {
    private final TaskDefaults defaults;
    private final JsonCodec json;

    NewTaskValidator(TaskDefaults defaults, JsonCodec json) {
        this.defaults = defaults;
        this.json = json;
    }

    /** Errors of one task; {@code prefix} is prepended to field names ({@code tasks[2].}). */
    List<FieldError> validate(NewTask t, String prefix) {
        List<FieldError> errors = new ArrayList<>();
        if (t == null) {
            errors.add(new FieldError(
                    prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1), "is required"));
            return errors;
        }
        if (t.type() == null || t.type().isBlank()) {
            errors.add(new FieldError(prefix + "type", "is required"));
        } else {
            name(errors, prefix + "type", t.type(), TaskLimits.MAX_TYPE_CHARS);
        }
        if (t.queue() != null) {
            name(errors, prefix + "queue", t.queue(), TaskLimits.MAX_QUEUE_CHARS);
        }
        max(errors, prefix + "title", t.title(), TaskLimits.MAX_TITLE_CHARS);
        max(errors, prefix + "description", t.description(), TaskLimits.MAX_DESCRIPTION_CHARS);
        tags(errors, prefix + "tags", t.tags());
        max(errors, prefix + "uniqueKey", t.uniqueKey(), TaskLimits.MAX_KEY_CHARS);
        max(errors, prefix + "idempotencyKey", t.idempotencyKey(), TaskLimits.MAX_KEY_CHARS);
        max(errors, prefix + "owner", t.owner(), TaskLimits.MAX_KEY_CHARS);
        max(errors, prefix + "traceParent", t.traceParent(), 256);
        if (t.uniqueKey() != null && t.uniqueKey().isBlank()) {
            errors.add(new FieldError(prefix + "uniqueKey", "must not be blank"));
        }
        if (t.maxAttempts() != null && (t.maxAttempts() < 1 || t.maxAttempts() > TaskLimits.MAX_ATTEMPTS)) {
            errors.add(new FieldError(prefix + "maxAttempts", "must be between 1 and " + TaskLimits.MAX_ATTEMPTS));
        }
        if (t.timeoutSeconds() != null
                && (t.timeoutSeconds() < 1 || t.timeoutSeconds() > TaskLimits.MAX_TIMEOUT_SECONDS)) {
            errors.add(new FieldError(
                    prefix + "timeoutSeconds", "must be between 1 and " + TaskLimits.MAX_TIMEOUT_SECONDS));
        }
        if (t.runAt() != null && t.delay() != null) {
            errors.add(new FieldError(prefix + "runAt", "give runAt or delaySeconds, not both"));
        }
        Duration delay = t.delay();
        if (delay != null && (delay.isNegative() || delay.getSeconds() > TaskLimits.MAX_DELAY_SECONDS)) {
            errors.add(
                    new FieldError(prefix + "delaySeconds", "must be between 0 and " + TaskLimits.MAX_DELAY_SECONDS));
        }
        if (t.payload() != null && !json.isValid(t.payload())) {
            errors.add(new FieldError(prefix + "payload", "is not valid JSON"));
        }
        return errors;
    }

    /** Throws {@link PayloadTooLargeException} for the first payload over the limit. */
    void checkSize(NewTask t, String prefix) {
        if (t != null && t.payload() != null) {
            // Cheap bound first: a UTF-8 encoding takes at most 3 bytes per UTF-16 char.
            if ((long) t.payload().length() * 3 > defaults.maxPayloadBytes()) {
                long bytes = t.payload().getBytes(StandardCharsets.UTF_8).length;
                if (bytes > defaults.maxPayloadBytes()) {
                    throw new PayloadTooLargeException(prefix + "payload", bytes, defaults.maxPayloadBytes());
                }
            }
        }
    }

    List<FieldError> validate(TaskPatch p) {
        List<FieldError> errors = new ArrayList<>();
        if (p.title() != null) {
            max(errors, "title", p.title(), TaskLimits.MAX_TITLE_CHARS);
        }
        max(errors, "description", p.description(), TaskLimits.MAX_DESCRIPTION_CHARS);
        if (p.tags() != null) {
            tags(errors, "tags", p.tags());
        }
        return errors;
    }

    static void tags(List<FieldError> errors, String field, List<String> tags) {
        if (tags.size() > TaskLimits.MAX_TAGS) {
            errors.add(new FieldError(field, "at most " + TaskLimits.MAX_TAGS + " tags"));
            return;
        }
        var seen = new HashSet<String>();
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i);
            String f = field + "[" + i + "]";
            if (tag == null
                    || tag.length() > TaskLimits.MAX_TAG_CHARS
                    || !TaskLimits.TAG.matcher(tag).matches()) {
                errors.add(new FieldError(
                        f,
                        "must be 1.." + TaskLimits.MAX_TAG_CHARS
                                + " letters, digits, spaces or . _ : / -, starting with a letter or digit"));
            } else if (!seen.add(tag)) {
                errors.add(new FieldError(f, "is repeated"));
            }
        }
    }

    private static void name(List<FieldError> errors, String field, String value, int maxChars) {
        if (value.length() > maxChars || !TaskLimits.NAME.matcher(value).matches()) {
            errors.add(new FieldError(
                    field, "must be 1.." + maxChars + " letters, digits or . _ : -, starting with a letter or digit"));
        }
    }

    private static void max(List<FieldError> errors, String field, String value, int maxChars) {
        if (value != null && value.length() > maxChars) {
            errors.add(new FieldError(field, "must be at most " + maxChars + " characters"));
        }
    }
}
