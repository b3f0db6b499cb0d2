package io.taskforge.server.auth;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The caller the security filter authenticated for the request this thread serves. */
@Component
class SecurityCurrentCaller implements CurrentCaller {

    @Override
    public Caller caller() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth instanceof CallerAuthentication ca) {
            return ca.caller();
        }
        // Every API path requires authentication, so reaching here is a wiring mistake, not a user's.
        throw new IllegalStateException("no authenticated caller on this request");
    }
}
