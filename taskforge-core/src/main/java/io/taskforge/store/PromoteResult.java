package io.taskforge.store;

import java.util.Set;

/** How many waiting tasks became QUEUED, and in which queues. */
public record PromoteResult(int count, Set<String> queues) {
    public PromoteResult {
        queues = Set.copyOf(queues);
    }
}
