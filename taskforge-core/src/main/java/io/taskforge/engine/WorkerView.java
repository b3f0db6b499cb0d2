package io.taskforge.engine;

import java.util.Set;

/** What a running worker can tell about itself. */
public interface WorkerView {
    String id();

    int concurrency();

    /** Slots in use: tasks running, including ones whose handler is still winding down. */
    int busy();

    /** Ids of the tasks running now. */
    Set<String> runningTaskIds();
}
