package io.taskforge.server.auth;

import io.taskforge.server.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answers of the security filters, as problem+json like every other error of the API: 401 with
 * {@code WWW-Authenticate: Bearer} (RFC 6750) when credentials are missing or bad, 403 when the
 * caller may not do this in the tenant, 429 when a limit is reached.
 */
final class AuthProblems implements AuthenticationEntryPoint, AccessDeniedHandler {
    static final String REALM = "taskforge";

    private final JsonMapper json;

    AuthProblems(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        boolean hadCredentials = request.getHeader("Authorization") != null;
        String challenge = hadCredentials
                ? "Bearer realm=\"" + REALM + "\", error=\"invalid_token\", error_description=\""
                        + e.getMessage().replace('"', '\'') + "\""
                : "Bearer realm=\"" + REALM + "\"";
        response.setHeader("WWW-Authenticate", challenge);
        String detail = hadCredentials
                ? e.getMessage()
                : "sign in (POST /api/v1/auth/login) and send Authorization: Bearer <access token or API key>";
        write(response, Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        String detail = e.getMessage();
        if (SecurityContextHolder.getContext().getAuthentication() instanceof CallerAuthentication ca
                && "Access Denied".equals(detail)) {
            Caller c = ca.caller();
            detail = c.tenantId() == null
                    ? c.subject() + " is not a member of any tenant"
                    : c.subject() + " (" + c.role() + " in tenant '" + c.tenantId() + "') may not do this";
        }
        write(response, Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail));
    }

    void tooManyRequests(HttpServletResponse response, long retryAfterSeconds, String slug, String detail)
            throws IOException {
        response.setHeader("Retry-After", Long.toString(Math.max(1, retryAfterSeconds)));
        ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, slug, "Too Many Requests", detail);
        problem.setProperty("retryAfterSeconds", Math.max(1, retryAfterSeconds));
        write(response, problem);
    }

    private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
