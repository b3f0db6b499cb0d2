package io.taskforge.server.auth;

import io.taskforge.server.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Problems the auth endpoints answer with, typed like every other problem of the API. */
final class AuthErrors {
    private AuthErrors() {}

    static ErrorResponseException conflict(String slug, String detail) {
        return new ErrorResponseException(
                HttpStatus.CONFLICT, Problems.of(HttpStatus.CONFLICT, slug, "Conflict", detail), null);
    }

    static ErrorResponseException forbidden(String detail) {
        return new ErrorResponseException(
                HttpStatus.FORBIDDEN, Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail), null);
    }

    static ErrorResponseException unauthorized(String detail) {
        ErrorResponseException e = new ErrorResponseException(
                HttpStatus.UNAUTHORIZED,
                Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail),
                null);
        e.getHeaders().set("WWW-Authenticate", "Bearer realm=\"" + AuthProblems.REALM + "\"");
        return e;
    }

    /** Sign-in refused for a while after too many failures: 429 with Retry-After. */
    static ErrorResponseException throttled(long seconds) {
        ProblemDetail problem = Problems.of(
                HttpStatus.TOO_MANY_REQUESTS,
                "login-throttled",
                "Too Many Requests",
                "too many failed sign-ins for this account or from this address; try again in " + seconds + " s");
        problem.setProperty("retryAfterSeconds", seconds);
        ErrorResponseException e = new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS, problem, null);
        e.getHeaders().set("Retry-After", Long.toString(seconds));
        return e;
    }
}
