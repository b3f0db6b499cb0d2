package io.taskforge.server.problem;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.taskforge.client.FieldError;
import java.util.List;

/**
 * The shape of every error answer, for the OpenAPI document only: what {@link Problems} writes
 * (RFC 9457 plus {@code errors} for validation, and a few problem-specific properties). The
 * document gives it to every 4xx and 5xx response ({@code config.ProblemResponses}), so endpoints
 * name only the code and its meaning: {@code @ApiResponse(responseCode = "404", description = "no
 * such task")}.
 */
@Schema(name = "Problem", description = "An RFC 9457 problem; `type` is `urn:taskforge:problem:<slug>`.")
public record ProblemSchema(
        @Schema(example = "urn:taskforge:problem:validation")
        String type,

        @Schema(example = "Invalid input") String title,
        @Schema(example = "422") int status,

        @Schema(example = "maxAttempts must be between 1 and 100")
        String detail,

        @Schema(example = "/api/v1/tasks") String instance,

        @ArraySchema(
                arraySchema = @Schema(description = "validation problems: one entry per rejected field"),
                schema = @Schema(implementation = FieldErrorSchema.class))
        List<FieldError> errors) {

    /** One rejected field. */
    @Schema(name = "FieldError")
    public record FieldErrorSchema(
            @Schema(example = "maxAttempts") String field,
            @Schema(example = "must be between 1 and 100") String message) {}

    public static final String MEDIA_TYPE = "application/problem+json";
}
