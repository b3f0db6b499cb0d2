package io.taskforge.server.audit;

import io.taskforge.audit.Outcome;
import io.taskforge.server.auth.Caller;
import io.taskforge.server.auth.CurrentCaller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.UriUtils;

/**
 * Records every state-changing API request (POST, PUT, PATCH, DELETE under {@code /api/}) in the
 * audit log once it has been answered, refused ones included: 4xx is DENIED, 5xx FAILED. It wraps
 * everything else that can refuse a request (size limits, security), so those refusals are recorded
 * too.
 *
 * <p>What an event holds: the action and target ({@link AuditActions}), the caller ({@link
 * CallerCaptureFilter}), the client address, the status and a short detail: for a refusal the
 * name of the exception that caused it, for a create the path of what was created. Never the
 * request body, the query string or a header: those can carry passwords, tokens and keys.
 */
final class AuditRecordingFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(AuditRecordingFilter.class);
    private static final int MAX_PATH_CHARS = 200;

    private final AuditLog auditLog;
    private final AuditActions actions;
    private final CurrentCaller currentCaller;

    AuditRecordingFilter(AuditLog auditLog, AuditActions actions, CurrentCaller currentCaller) {
        this.auditLog = auditLog;
        this.actions = actions;
        this.currentCaller = currentCaller;
    }

    static boolean isChange(HttpServletRequest request) {
        return switch (request.getMethod()) {
            case "POST", "PUT", "PATCH", "DELETE" -> true;
            default -> false;
        };
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !isChange(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean escaped = false;
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            escaped = true;
            throw e;
        } finally {
            // A failure that escaped every handler reaches the client as a 500.
            int status = escaped && response.getStatus() < 500 ? 500 : response.getStatus();
            try {
                record(request, response, status);
            } catch (RuntimeException e) {
                log.error("could not record {} {} in the audit log", request.getMethod(), path(request), e);
            }
        }
    }

    private void record(HttpServletRequest request, HttpServletResponse response, int status) {
        AuditActions.Action action = actions.of(request);
        if (action != null && !action.recorded()) {
            return;
        }
        AuditLog.Actor actor = actor(request, status);
        Outcome outcome = Outcome.ofStatus(status);
        if (action == null) {
            // No endpoint serves this method and path (404, 405): name the attempt after the method.
            auditLog.record(
                    actor,
                    "http." + request.getMethod().toLowerCase(Locale.ROOT),
                    null,
                    null,
                    outcome,
                    status,
                    request.getMethod() + " " + path(request));
            return;
        }
        String targetId = pathTarget(request);
        String location = status < 300 ? response.getHeader("Location") : null;
        if (targetId == null && location != null) {
            targetId = lastSegment(location);
        }
        auditLog.record(
                actor,
                action.name(),
                targetId == null ? null : action.targetType(),
                targetId,
                outcome,
                status,
                detail(request, status, location));
    }

    private AuditLog.Actor actor(HttpServletRequest request, int status) {
        String address = request.getRemoteAddr();
        if (request.getAttribute(CallerCaptureFilter.CALLER) instanceof Caller caller) {
            return AuditLog.Actor.of(caller).from(address);
        }
        if (status == 401) {
            // Refused for missing or bad credentials before anyone was known.
            return AuditLog.Actor.anonymous(null, address);
        }
        try {
            return AuditLog.Actor.of(currentCaller.caller()).from(address);
        } catch (RuntimeException e) {
            return AuditLog.Actor.anonymous(null, address);
        }
    }

    /** The values of the path variables, in the order of the path; null when there are none. */
    @SuppressWarnings("unchecked")
    private static String pathTarget(HttpServletRequest request) {
        Object vars = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (!(vars instanceof Map<?, ?> map) || map.isEmpty()) {
            return null;
        }
        if (map.size() == 1) {
            return String.valueOf(map.values().iterator().next());
        }
        return String.join("/", ((Map<String, String>) map).values());
    }

    private static String detail(HttpServletRequest request, int status, String location) {
        if (status >= 400) {
            Object failure = request.getAttribute(DispatcherServlet.EXCEPTION_ATTRIBUTE);
            return failure == null ? null : failure.getClass().getSimpleName();
        }
        return location == null ? null : "created " + pathOf(location);
    }

    private static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return uri.length() > MAX_PATH_CHARS ? uri.substring(0, MAX_PATH_CHARS) : uri;
    }

    /** The path of a Location header, absolute or not. */
    private static String pathOf(String location) {
        int scheme = location.indexOf("://");
        if (scheme < 0) {
            return location;
        }
        int slash = location.indexOf('/', scheme + 3);
        return slash < 0 ? "/" : location.substring(slash);
    }

    private static String lastSegment(String location) {
        String path = pathOf(location);
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        int slash = path.lastIndexOf('/');
        String last = path.substring(slash + 1);
        return last.isEmpty() ? null : UriUtils.decode(last, StandardCharsets.UTF_8);
    }
}
