package io.taskforge.server.problem;

import io.taskforge.client.FieldError;
import io.taskforge.client.TaskValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks of request bodies that several endpoints share; each failure is a 422 naming the fields. */
public final class RequestBodies {
    private RequestBodies() {}

    /** Null entries would break the domain's immutable lists; name them instead ({@code tags[2]}). */
    public static void checkNoNulls(List<String> values, String field) {
        if (values == null) {
            return;
        }
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                errors.add(new FieldError(field + "[" + i + "]", "must be a string"));
            }
        }
        if (!errors.isEmpty()) {
            throw new TaskValidationException(errors);
        }
    }

    /**
     * Refuses the fields a body's record did not know (its {@code @JsonAnySetter} map), each with
     * {@code message}: ignoring them would make a typo look like it worked.
     */
    public static void refuseUnknownFields(Map<String, Object> unknown, String message) {
        if (unknown.isEmpty()) {
            return;
        }
        List<FieldError> errors = new ArrayList<>();
        for (String name : unknown.keySet()) {
            errors.add(new FieldError(name, message));
        }
        throw new TaskValidationException(errors);
    }
}
