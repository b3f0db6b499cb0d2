package io.taskforge.server.auth;

/**
 * The caller of the request being served. Controllers ask it for the tenant to act in, so no
 * resource of another tenant is ever read, listed or changed.
 */
public interface CurrentCaller {

    /** The caller of the current request. */
    Caller caller();

    /** The tenant the current request acts in. */
    default String tenantId() {
        return caller().tenantId();
    }
}
