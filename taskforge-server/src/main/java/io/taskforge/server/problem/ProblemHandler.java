package io.taskforge.server.problem;

import io.taskforge.client.FieldError;
import io.taskforge.client.PayloadTooLargeException;
import io.taskforge.client.TaskValidationException;
import io.taskforge.pipeline.PipelineRunStateException;
import io.taskforge.store.InvalidCursorException;
import io.taskforge.store.StoreException;
import io.taskforge.store.TagExistsException;
import io.taskforge.store.TaskStateConflictException;
import io.taskforge.store.UniqueKeyConflictException;
import java.io.IOException;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure into {@code application/problem+json}. The rule: bad input is a 4xx that
 * names what was wrong and writes nothing; a 500 means a bug here, and says nothing about internals.
 *
 * <ul>
 *   <li>400: the body is not JSON, or a value has the wrong JSON type or is not one of the allowed
 *       constants; a query parameter cannot be read; a cursor this server did not hand out.
 *   <li>404: no such task, tag or route; 405 wrong method; 415 not JSON.
 *   <li>409: a unique key is held (the holder is named); the task's state does not allow it (the
 *       current status is named); a tag name is taken.
 *   <li>413: a payload over 1 MiB, or a request body over the server's limit.
 *   <li>422: values out of bounds, one error per field.
 *   <li>503: the store is unreachable.
 * </ul>
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler
    ResponseEntity<Object> handle(TaskValidationException e, WebRequest request) {
        return problem(
                e,
                Problems.invalid(HttpStatus.UNPROCESSABLE_CONTENT, "validation", "Invalid input", e.errors()),
                request);
    }

    @ExceptionHandler
    ResponseEntity<Object> handle(InvalidRequestException e, WebRequest request) {
        return problem(e, Problems.invalid(HttpStatus.BAD_REQUEST, "bad-request", "Bad request", e.errors()), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> handle(PayloadTooLargeException e, WebRequest request) {
        ProblemDetail problem = Problems.invalid(
                HttpStatus.CONTENT_TOO_LARGE,
                "payload-too-large",
                "Payload too large",
                List.of(new FieldError(
                        e.field(), "is " + e.size() + " bytes, more than the limit of " + e.limit() + " bytes")));
        problem.setProperty("limit", e.limit());
        return problem(e, problem, request);
    }

    @ExceptionHandler
    ResponseEntity<Object> handle(RequestTooLargeException e, WebRequest request) {
        return problem(e, tooLarge(e), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> handle(UniqueKeyConflictException e, WebRequest request) {
        ProblemDetail problem =
                Problems.of(HttpStatus.CONFLICT, "unique-key-conflict", "Unique key held", e.getMessage());
        problem.setProperty("uniqueKey", e.uniqueKey());
        problem.setProperty("holderTaskId", e.holderTaskId());
        return problem(e, problem, request);
    }

    @ExceptionHandler
    ResponseEntity<Object> handle(TaskStateConflictException e, WebRequest request) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "task-state-conflict", "Task state conflict", null);
        if (e.task() != null) {
            problem.setDetail(e.getMessage() + " (the task is " + e.task().status() + ")");
            problem.setProperty("taskId", e.task().id());
            problem.setProperty("currentStatus", e.task().status().name());
        } else {
            problem.setDetail(e.getMessage());
        }
        return problem(e, problem, request);
    }

    @ExceptionHandler
    ResponseEntity<Object> handle(PipelineRunStateException e, WebRequest request) {
        ProblemDetail problem = Problems.of(
                HttpStatus.CONFLICT, "pipeline-run-state-conflict", "Pipeline run state conflict", e.getMessage());
        if (e.run() != null) {
            problem.setProperty("runId", e.run().id());
            problem.setProperty("currentStatus", e.run().status().name());
        }
        return problem(e, problem, request);
    }

    @ExceptionHandler
    ResponseEntity<Object> handle(TagExistsException e, WebRequest request) {
        return problem(e, Problems.of(HttpStatus.CONFLICT, "tag-exists", "Tag exists", e.getMessage()), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> handle(InvalidCursorException e, WebRequest request) {
        return problem(
                e,
                Problems.invalid(
                        HttpStatus.BAD_REQUEST,
                        "bad-request",
                        "Bad request",
                        List.of(new FieldError("cursor", "is not a cursor of this list: " + e.getMessage()))),
                request);
    }

    @ExceptionHandler
    ResponseEntity<Object> handle(NotFoundException e, WebRequest request) {
        return problem(e, Problems.of(HttpStatus.NOT_FOUND, e.slug(), "Not found", e.getMessage()), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> handle(StoreException e, WebRequest request) {
        log.error("The store failed while answering {}", describe(request), e);
        return problem(
                e,
                Problems.of(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "store-unavailable",
                        "Store unavailable",
                        "the task store could not complete the request; nothing was changed, try again"),
                request);
    }

    @ExceptionHandler
    ResponseEntity<Object> handle(Exception e, WebRequest request) {
        log.error("Unexpected failure answering {}", describe(request), e);
        return problem(
                e,
                Problems.of(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        "internal",
                        "Internal error",
                        "the server failed unexpectedly; the error is in its log"),
                request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        RequestTooLargeException tooLarge = cause(e, RequestTooLargeException.class);
        if (tooLarge != null) {
            return problem(e, tooLarge(tooLarge), request);
        }
        return problem(e, unreadable(e), request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
        String message = "cannot be read as " + describeType(e.getRequiredType());
        return problem(
                e,
                Problems.invalid(
                        HttpStatus.BAD_REQUEST,
                        "bad-request",
                        "Bad request",
                        List.of(new FieldError(field == null ? "parameter" : field, message))),
                request);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(
                e,
                Problems.of(
                        HttpStatus.NOT_FOUND,
                        "no-such-route",
                        "Not found",
                        "no such route: " + e.getHttpMethod() + " /" + e.getResourcePath()),
                request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = Problems.of(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                "Unsupported media type",
                (e.getContentType() == null
                                ? "the request has no Content-Type"
                                : "Content-Type " + e.getContentType() + " is not accepted")
                        + "; send application/json");
        HttpHeaders answerHeaders = new HttpHeaders();
        answerHeaders.setAccept(e.getSupportedMediaTypes());
        return handleExceptionInternal(e, problem, answerHeaders, HttpStatus.UNSUPPORTED_MEDIA_TYPE, request);
    }

    /** Every problem gets a type; Spring leaves {@code about:blank} out of the JSON, and clients look for it. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (status.is5xxServerError()) {
            if (clientWentAway(e)) {
                // Not a server failure: a load tool or a closed tab left before the answer was written.
                log.debug(
                        "The client of {} went away before its answer was written: {}",
                        describe(request),
                        e.toString());
            } else {
                log.error("Failure answering {}", describe(request), e);
            }
        }
        if (body == null && e instanceof ErrorResponse error) {
            body = error.updateAndGetBody(getMessageSource(), Locale.ROOT);
        }
        if (body instanceof ProblemDetail problem) {
            Problems.typed(problem);
        }
        return super.handleExceptionInternal(e, body, headers, status, request);
    }

    /**
     * True when writing the answer failed because the connection is gone: an I/O failure under the
     * failure to write the answer. The servlet container wraps it ("broken pipe", "connection
     * reset", an aborted client) in whatever exception the write went through.
     */
    static boolean clientWentAway(Throwable e) {
        if (!(e instanceof HttpMessageNotWritableException || e instanceof AsyncRequestNotUsableException)) {
            return false;
        }
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private ResponseEntity<Object> problem(Exception e, ProblemDetail problem, WebRequest request) {
        return handleExceptionInternal(
                e, problem, new HttpHeaders(), HttpStatusCode.valueOf(problem.getStatus()), request);
    }

    static ProblemDetail tooLarge(RequestTooLargeException e) {
        ProblemDetail problem =
                Problems.of(HttpStatus.CONTENT_TOO_LARGE, "request-too-large", "Request too large", e.getMessage());
        problem.setProperty("limit", e.limit());
        return problem;
    }

    /** A 400 that says what in the body could not be read, and where. */
    static ProblemDetail unreadable(HttpMessageNotReadableException e) {
        JacksonException jackson = cause(e, JacksonException.class);
        if (jackson == null) {
            return Problems.of(
                    HttpStatus.BAD_REQUEST,
                    "malformed-body",
                    "Malformed request body",
                    e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")
                            ? "a JSON request body is required"
                            : "the request body could not be read");
        }
        String field = path(jackson);
        if (jackson instanceof UnrecognizedPropertyException u) {
            return Problems.invalid(
                    HttpStatus.BAD_REQUEST,
                    "bad-request",
                    "Bad request",
                    List.of(new FieldError(
                            field,
                            "is not a field that can be set here (known: "
                                    + u.getKnownPropertyIds().stream()
                                            .map(String::valueOf)
                                            .sorted()
                                            .collect(Collectors.joining(", "))
                                    + ")")));
        }
        if (jackson instanceof MismatchedInputException m && !field.isEmpty()) {
            return Problems.invalid(
                    HttpStatus.BAD_REQUEST,
                    "bad-request",
                    "Bad request",
                    List.of(new FieldError(field, "must be " + describeType(m.getTargetType()))));
        }
        if (jackson instanceof StreamReadException || field.isEmpty()) {
            String where = jackson.getLocation() == null
                    ? ""
                    : " at line " + jackson.getLocation().getLineNr() + ", column "
                            + jackson.getLocation().getColumnNr();
            String reason = firstLine(jackson.getOriginalMessage());
            return Problems.of(
                    HttpStatus.BAD_REQUEST,
                    "malformed-json",
                    "Malformed JSON",
                    "the request body is not valid JSON" + where + (reason.isEmpty() ? "" : ": " + reason));
        }
        return Problems.invalid(
                HttpStatus.BAD_REQUEST,
                "bad-request",
                "Bad request",
                List.of(new FieldError(field, "cannot be read: " + firstLine(jackson.getOriginalMessage()))));
    }

    /** {@code tasks[3].priority} from Jackson's reference chain. */
    static String path(JacksonException e) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    static String describeType(Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (type.isEnum()) {
            return "one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(c -> ((Enum<?>) c).name())
                            .collect(Collectors.joining(", "));
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 timestamp such as 2026-01-31T12:00:00Z";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a value of another type";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String describe(WebRequest request) {
        return request.getDescription(false);
    }
}
