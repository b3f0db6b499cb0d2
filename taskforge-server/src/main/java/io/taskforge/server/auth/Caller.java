package io.taskforge.server.auth;

import io.taskforge.auth.Role;

/**
 * Who makes the current request and for which tenant: a signed-in user or an API key, acting in
 * one tenant with one role there. A superadmin manages tenants and users across the server and
 * acts as an ADMIN in every tenant.
 *
 * @param subject the user's name, or the API key's name, as shown in the audit log
 * @param userId the user's id; for an API key, the id of the user who created it
 * @param apiKeyId the API key's id, or null for a user signed in with a token
 * @param tenantId the tenant the request acts in; null for a user who is a member of none
 * @param role the caller's role in that tenant; null with no tenant
 * @param superadmin whether the caller manages the whole server
 * @param clientAddress the address the request came from
 */
public record Caller(
        String subject,
        String userId,
        String apiKeyId,
        String tenantId,
        Role role,
        boolean superadmin,
        String clientAddress) {

    /**
     * The request attribute holding the caller once authenticated, so what runs after the security
     * filters (or after they refused the request) still knows who asked.
     */
    public static final String REQUEST_ATTRIBUTE = Caller.class.getName();

    /** Whether the caller may do what {@code required} may in its tenant. */
    public boolean may(Role required) {
        return superadmin || (role != null && role.includes(required));
    }
}
