package io.taskforge.audit;

/** What kind of caller did what an {@link AuditEvent} records. */
public enum ActorKind {
    /** A person signed in with a password or a token made from one. */
    USER,
    /** A machine or remote worker authenticating with an API key. */
    API_KEY,
    /** The server itself, or a request made before sign-in exists (the built-in {@code system} caller). */
    SYSTEM,
    /** Nobody known: a request refused for missing or bad credentials, or a failed login for an unknown name. */
    ANONYMOUS
}
