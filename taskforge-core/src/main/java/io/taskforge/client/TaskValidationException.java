package io.taskforge.client;

import java.util.List;

/** The input was rejected before anything was written; one error per offending field. */
public class TaskValidationException extends RuntimeException {
    private final List<FieldError> errors;

    public TaskValidationException(List<FieldError> errors) {
        super(summary(errors));
        this.errors = List.copyOf(errors);
    }

    public TaskValidationException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String summary(List<FieldError> errors) {
        StringBuilder sb = new StringBuilder("invalid input:");
        for (FieldError e : errors) {
            sb.append(' ').append(e.field()).append(": ").append(e.message()).append(';');
        }
        return sb.toString();
    }
}
