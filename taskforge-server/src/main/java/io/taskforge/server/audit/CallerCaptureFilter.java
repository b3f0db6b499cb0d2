package io.taskforge.server.audit;

import io.taskforge.server.auth.Caller;
import io.taskforge.server.auth.CurrentCaller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Notes the caller of a state-changing request while it is known. It runs after authentication
 * (inside any security filter chain), where {@link CurrentCaller} can answer; {@link
 * AuditRecordingFilter} runs outside it, where the security context has been cleared again by the
 * time the answer is written, and reads the caller from here.
 */
final class CallerCaptureFilter extends OncePerRequestFilter {
    static final String CALLER = Caller.REQUEST_ATTRIBUTE;

    private final CurrentCaller currentCaller;

    CallerCaptureFilter(CurrentCaller currentCaller) {
        this.currentCaller = currentCaller;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !AuditRecordingFilter.isChange(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Caller caller;
        try {
            caller = currentCaller.caller();
        } catch (RuntimeException e) {
            // No caller to note (not authenticated): the recorder decides who it was.
            caller = null;
        }
        if (caller != null) {
            request.setAttribute(CALLER, caller);
        }
        chain.doFilter(request, response);
    }
}
