package io.taskforge.engine;

import io.taskforge.handler.TaskHandler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The handlers a worker has, by task type. Built once; read concurrently without locks. */
final class HandlerRegistry {
    private final Map<String, TaskHandler> byType;

    HandlerRegistry(List<TaskHandler> handlers) {
        Map<String, TaskHandler> map = new HashMap<>();
        for (TaskHandler h : handlers) {
            TaskHandler previous = map.putIfAbsent(h.type(), h);
            if (previous != null && previous != h) {
                throw new IllegalArgumentException("two handlers for task type '" + h.type() + "': "
                        + previous.getClass().getName() + " and " + h.getClass().getName());
            }
        }
        this.byType = Map.copyOf(map);
    }

    TaskHandler get(String type) {
        return byType.get(type);
    }

    Set<String> types() {
        return byType.keySet();
    }
}
