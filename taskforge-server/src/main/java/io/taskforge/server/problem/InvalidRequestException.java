package io.taskforge.server.problem;

import io.taskforge.client.FieldError;
import java.util.List;

/**
 * Request parameters or headers that cannot be read at all (not a number, not one of the allowed
 * values, not a timestamp): 400, with one error per parameter. Values that read fine but are out of
 * bounds are {@link io.taskforge.client.TaskValidationException}s: 422.
 */
public class InvalidRequestException extends RuntimeException {
    private final List<FieldError> errors;

    public InvalidRequestException(List<FieldError> errors) {
        super(Problems.summary(errors));
        this.errors = List.copyOf(errors);
    }

    public InvalidRequestException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
