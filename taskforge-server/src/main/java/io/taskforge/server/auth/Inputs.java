package io.taskforge.server.auth;

import io.taskforge.auth.Role;
import io.taskforge.client.FieldError;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Checks of the names, roles and limits the auth endpoints accept; each adds a field error. */
final class Inputs {
    static final Pattern TENANT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    private Inputs() {}

    static void text(List<FieldError> errors, String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
        } else if (value.length() > max) {
            errors.add(new FieldError(field, "must have at most " + max + " characters"));
        }
    }

    static void matches(List<FieldError> errors, String field, String value, Pattern pattern, String rule) {
        if (value == null || value.isEmpty()) {
            errors.add(new FieldError(field, "is required"));
        } else if (!pattern.matcher(value).matches()) {
            errors.add(new FieldError(field, rule));
        }
    }

    static void positive(List<FieldError> errors, String field, Integer value) {
        if (value != null && value < 1) {
            errors.add(new FieldError(field, "must be at least 1, or null for no limit"));
        }
    }

    /** The role named, or null after adding an error. */
    static Role role(List<FieldError> errors, String field, String value) {
        if (value == null) {
            errors.add(new FieldError(field, "is required: VIEWER, OPERATOR or ADMIN"));
            return null;
        }
        try {
            return Role.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "must be VIEWER, OPERATOR or ADMIN"));
            return null;
        }
    }
}
