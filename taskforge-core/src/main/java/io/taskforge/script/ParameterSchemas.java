package io.taskforge.script;

import io.taskforge.client.FieldError;
import java.util.List;

/**
 * Checks parameter schemas and the parameters of runs. JSON Schema needs a JSON library, which the
 * core does without: the edge that has one (the server) implements this.
 *
 * <p>Both methods return every problem they find, at most one error per field, and never throw
 * for bad input.
 */
public interface ParameterSchemas {

    /**
     * What is wrong with {@code schema} (JSON text) as the parameter schema of a script: not JSON,
     * not a valid JSON Schema draft 2020-12, references it cannot resolve locally, or a schema
     * that no JSON object can satisfy. Errors are named {@code field} or below it.
     */
    List<FieldError> schemaErrors(String schema, String field);

    /**
     * What is wrong with {@code params} (JSON text of an object) against {@code schema}, which
     * passed {@link #schemaErrors}. Errors are named after the offending value below {@code field}
     * ({@code params.count}, {@code params.items[2].name}); a missing required property is named
     * as the property.
     */
    List<FieldError> paramErrors(String schema, String params, String field);
}
