package io.taskforge.server.auth;

import io.taskforge.auth.Role;
import org.springframework.stereotype.Component;

/**
 * Until sign-in lands every request acts as an administrator of the {@code default} tenant; the
 * security configuration replaces this with the authenticated caller.
 */
@Component
class DefaultTenantCaller implements CurrentCaller {
    private static final Caller DEFAULT = new Caller("system", null, null, "default", Role.ADMIN, false, null);

    @Override
    public Caller caller() {
        return DEFAULT;
    }
}
