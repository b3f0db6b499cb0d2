package io.taskforge.bench.peer;

/**
 * A peer library on its own PostgreSQL database, embedded in the harness as its users embed it.
 * The harness drives every peer through the same steps: bulk insert with nothing processing, a
 * drain, single submits, and timed submits to an idle processor.
 */
interface Peer extends AutoCloseable {
    /** Inserts {@code count} no-op jobs in the library's bulk way; nothing runs them yet. */
    void insertBulk(int count) throws Exception;

    /** Starts processing jobs (the library's background server, with the settings the docs name). */
    void startProcessing() throws Exception;

    /** Jobs not yet done, as the library's storage says. */
    long pending() throws Exception;

    /** Submits one no-op job, one call. */
    void submitOne() throws Exception;

    /** Submits job {@code index} of a latency series; its start is noted by {@link PeerJobs#timed}. */
    void submitTimed(int index) throws Exception;

    /** The settings used, for the report. */
    String settings();

    @Override
    void close() throws Exception;
}
