package io.taskforge.script;

import io.taskforge.client.FieldError;
import io.taskforge.client.TaskLimits;
import io.taskforge.task.TaskIds;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks script fields against {@link ScriptLimits} and {@link TaskLimits}, collecting every error
 * rather than stopping at the first.
 */
final class ScriptChecks {
    private final ParameterSchemas schemas;

    ScriptChecks(ParameterSchemas schemas) {
        this.schemas = schemas;
    }

    List<FieldError> of(NewScript s) {
        List<FieldError> errors = new ArrayList<>();
        if (s == null) {
            errors.add(new FieldError("body", "is required"));
            return errors;
        }
        required(errors, "name", s.name());
        required(errors, "language", s.language());
        required(errors, "content", s.content());
        check(errors, s.name(), s.description(), s.language(), s.content(), s.parameters(), s.queue());
        numbers(errors, s.timeoutSeconds(), s.maxAttempts());
        return errors;
    }

    List<FieldError> of(ScriptPatch p) {
        List<FieldError> errors = new ArrayList<>();
        check(errors, p.name(), p.description(), p.language(), p.content(), p.parameters(), p.queue());
        numbers(errors, p.timeoutSeconds(), p.maxAttempts());
        return errors;
    }

    private void check(
            List<FieldError> errors,
            String name,
            String description,
            String language,
            String content,
            String parameters,
            String queue) {
        if (name != null) {
            if (name.length() > ScriptLimits.MAX_NAME_CHARS
                    || !TaskLimits.NAME.matcher(name).matches()) {
                errors.add(new FieldError(
                        "name",
                        "must be 1.." + ScriptLimits.MAX_NAME_CHARS
                                + " letters, digits or . _ : -, starting with a letter or digit"));
            } else if (TaskIds.isValid(name)) {
                // Paths take a script's id or its name; a name shaped like an id would be ambiguous.
                errors.add(new FieldError("name", "must not have the shape of a script id (a UUID)"));
            }
        }
        if (description != null && description.length() > TaskLimits.MAX_DESCRIPTION_CHARS) {
            errors.add(new FieldError(
                    "description", "must be at most " + TaskLimits.MAX_DESCRIPTION_CHARS + " characters"));
        }
        if (language != null && ScriptLanguage.ofWireName(language).isEmpty()) {
            errors.add(new FieldError("language", "must be one of " + ScriptLanguage.wireNames()));
        }
        if (content != null) {
            if (content.isBlank()) {
                errors.add(new FieldError("content", "must not be blank"));
            } else if (utf8Length(content) > ScriptLimits.MAX_CONTENT_BYTES) {
                errors.add(new FieldError(
                        "content",
                        "is " + utf8Length(content) + " bytes, more than the limit of " + ScriptLimits.MAX_CONTENT_BYTES
                                + " bytes"));
            }
        }
        if (parameters != null) {
            if (utf8Length(parameters) > ScriptLimits.MAX_PARAMETERS_BYTES) {
                errors.add(new FieldError(
                        "parameters",
                        "is " + utf8Length(parameters) + " bytes, more than the limit of "
                                + ScriptLimits.MAX_PARAMETERS_BYTES + " bytes"));
            } else {
                errors.addAll(schemas.schemaErrors(parameters, "parameters"));
            }
        }
        if (queue != null
                && (queue.length() > TaskLimits.MAX_QUEUE_CHARS
                        || !TaskLimits.NAME.matcher(queue).matches())) {
            errors.add(new FieldError(
                    "queue",
                    "must be 1.." + TaskLimits.MAX_QUEUE_CHARS
                            + " letters, digits or . _ : -, starting with a letter or digit"));
        }
    }

    private static void numbers(List<FieldError> errors, Integer timeoutSeconds, Integer maxAttempts) {
        if (timeoutSeconds != null && (timeoutSeconds < 1 || timeoutSeconds > TaskLimits.MAX_TIMEOUT_SECONDS)) {
            errors.add(new FieldError("timeoutSeconds", "must be between 1 and " + TaskLimits.MAX_TIMEOUT_SECONDS));
        }
        if (maxAttempts != null && (maxAttempts < 1 || maxAttempts > TaskLimits.MAX_ATTEMPTS)) {
            errors.add(new FieldError("maxAttempts", "must be between 1 and " + TaskLimits.MAX_ATTEMPTS));
        }
    }

    private static void required(List<FieldError> errors, String field, String value) {
        if (value == null) {
            errors.add(new FieldError(field, "is required"));
        }
    }

    /** The length of {@code s} in UTF-8, counted without encoding a mebibyte to measure it. */
    static long utf8Length(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
