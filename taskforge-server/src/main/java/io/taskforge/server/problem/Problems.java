package io.taskforge.server.problem;

import io.taskforge.client.FieldError;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * RFC 9457 problem details as the API writes them. Problems of our own carry a {@code type} of the
 * form {@code urn:taskforge:problem:<slug>} that clients can switch on; plain HTTP failures are typed
 * after their status ({@code urn:taskforge:problem:method-not-allowed}). Validation problems add {@code errors: [{field,
 * message}]}, one entry per rejected field.
 */
public final class Problems {
    public static final String TYPE_PREFIX = "urn:taskforge:problem:";
    private static final URI BLANK = URI.create("about:blank");

    private Problems() {}

    public static ProblemDetail of(HttpStatusCode status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        if (slug != null) {
            problem.setType(URI.create(TYPE_PREFIX + slug));
        }
        if (title != null) {
            problem.setTitle(title);
        }
        return problem;
    }

    /** The answer of a controller's own exception handler: the problem as problem+json, with its status. */
    public static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** Gives a problem still typed {@code about:blank} a type named after its status ({@code ...:method-not-allowed}). */
    public static ProblemDetail typed(ProblemDetail problem) {
        if (problem.getType() == null || BLANK.equals(problem.getType())) {
            HttpStatus status = HttpStatus.resolve(problem.getStatus());
            String slug = status == null
                    ? "http-" + problem.getStatus()
                    : status.name().toLowerCase(Locale.ROOT).replace('_', '-');
            problem.setType(URI.create(TYPE_PREFIX + slug));
        }
        return problem;
    }

    /** A problem whose {@code errors} name each rejected field. */
    public static ProblemDetail invalid(HttpStatusCode status, String slug, String title, List<FieldError> errors) {
        ProblemDetail problem = of(status, slug, title, summary(errors));
        // FieldError is a record of (field, message): it is written as {"field": ..., "message": ...}.
        problem.setProperty("errors", List.copyOf(errors));
        return problem;
    }

    static String summary(List<FieldError> errors) {
        if (errors.isEmpty()) {
            return "the request is not valid";
        }
        FieldError first = errors.getFirst();
        String text = first.field() + " " + first.message();
        return errors.size() == 1 ? text : text + " (and " + (errors.size() - 1) + " more)";
    }
}
