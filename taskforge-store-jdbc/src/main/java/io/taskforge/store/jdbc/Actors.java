package io.taskforge.store.jdbc;

/** Who events name as their actor when no person did it. */
final class Actors {
    /** Leader duties: promotion of due tasks, rescue of expired leases. */
    static final String SYSTEM = "system";

    private Actors() {}

    static String worker(String workerId) {
        return "worker:" + workerId;
    }
}
