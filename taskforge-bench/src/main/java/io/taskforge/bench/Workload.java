package io.taskforge.bench;

/** One of the workloads A..F of issue 7 (and G, pipelines, of issue 4), run once per store it applies to. */
public interface Workload {
    /** A..G */
    String id();

    /** One line for people: what it measures. */
    String title();

    /** Whether it applies to this store; most workloads run on every store. */
    default boolean runsOn(Store store) {
        return true;
    }

    /** Runs on a database of its own and adds its figures to the context's report. */
    void run(BenchContext ctx, Store store) throws Exception;
}
