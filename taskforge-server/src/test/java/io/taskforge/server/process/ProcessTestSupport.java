package io.taskforge.server.process;

import io.taskforge.client.TaskDefaults;
import io.taskforge.client.TaskforgeClient;
import io.taskforge.json.JsonCodec;
import io.taskforge.store.TaskStore;
import io.taskforge.task.TaskQuery;
import io.taskforge.task.TaskStatus;
import java.time.Clock;

/** The test's own view of the store the processes share: the Java client, as an application has it. */
final class ProcessTestSupport {
    private ProcessTestSupport() {}

    static TaskforgeClient client(TaskStore store) {
        return new TaskforgeClient(store, JsonCodec.load(), Clock.systemUTC(), TaskDefaults.STANDARD);
    }

    static long count(TaskforgeClient client, TaskStatus... statuses) {
        Long total = client.list(TaskQuery.builder()
                        .status(statuses)
                        .limit(1)
                        .includeTotal(true)
                        .build())
                .total();
        return total == null ? 0 : total;
    }
}
