package io.taskforge.server.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request by its {@code Authorization: Bearer} credential, an access token or an
 * API key, in the tenant its {@code X-Taskforge-Tenant} header names. A request without one goes
 * on anonymous and is refused by the access rules unless its path is public; a request with a bad
 * one is refused here.
 *
 * <p>A browser's EventSource cannot set headers, so a GET of an event stream may pass the same
 * credential and tenant as {@code access_token} and {@code tenant} query parameters.
 */
final class BearerTokenFilter extends OncePerRequestFilter {
    static final String TENANT_HEADER = "X-Taskforge-Tenant";

    private final CallerResolver resolver;
    private final AuthProblems problems;

    BearerTokenFilter(CallerResolver resolver, AuthProblems problems) {
        this.resolver = resolver;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String credential;
        String tenant = blankToNull(request.getHeader(TENANT_HEADER));
        String header = request.getHeader("Authorization");
        if (header != null) {
            if (!header.regionMatches(true, 0, "Bearer ", 0, 7)
                    || header.substring(7).isBlank()) {
                problems.commence(
                        request,
                        response,
                        new BadCredentialsException("use Authorization: Bearer <access token or API key>"));
                return;
            }
            credential = header.substring(7).trim();
        } else if (isEventStream(request)) {
            credential = blankToNull(request.getParameter("access_token"));
            if (tenant == null) {
                tenant = blankToNull(request.getParameter("tenant"));
            }
        } else {
            credential = null;
        }
        if (credential == null) {
            chain.doFilter(request, response);
            return;
        }
        try {
            Caller caller = resolver.resolve(credential, tenant, request.getRemoteAddr());
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(new CallerAuthentication(caller));
            SecurityContextHolder.setContext(context);
            request.setAttribute(Caller.REQUEST_ATTRIBUTE, caller);
        } catch (AuthenticationException e) {
            SecurityContextHolder.clearContext();
            problems.commence(request, response, e);
            return;
        } catch (AccessDeniedException e) {
            SecurityContextHolder.clearContext();
            problems.handle(request, response, e);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static boolean isEventStream(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) && request.getRequestURI().endsWith("/stream");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
