package io.taskforge.auth;

/**
 * What a member may do in one tenant. Each role includes the ones before it: an ADMIN may do
 * everything an OPERATOR may, an OPERATOR everything a VIEWER may.
 */
public enum Role {
    /** Reads everything in the tenant. */
    VIEWER,
    /** Also submits, cancels and retries tasks, and runs scripts and pipelines. */
    OPERATOR,
    /** Also manages scripts, queues, schedules, pipelines, members and API keys. */
    ADMIN;

    /** Whether this role may do what {@code required} may. */
    public boolean includes(Role required) {
        return compareTo(required) >= 0;
    }
}
