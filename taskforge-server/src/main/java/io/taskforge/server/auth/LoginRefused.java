package io.taskforge.server.auth;

import io.taskforge.server.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Sign-in refused for a while after too many failures: 429 with Retry-After. */
final class LoginRefused {
    private LoginRefused() {}

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
