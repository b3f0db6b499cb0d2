package io.taskforge.server.problem;

import io.taskforge.task.TaskIds;
import java.util.Locale;

/** The addressed resource does not exist (or its id cannot name one): 404. */
public class NotFoundException extends RuntimeException {
    private final String slug;

    public NotFoundException(String slug, String message) {
        super(message);
        this.slug = slug;
    }

    public static NotFoundException task(String id) {
        return new NotFoundException("task-not-found", "no task with id '" + id + "'");
    }

    public static NotFoundException tag(String name) {
        return new NotFoundException("tag-not-found", "no tag named '" + name + "'");
    }

    /**
     * The task id of a path, lower-cased. An id that cannot name a task is answered like an unknown
     * one, without asking the store.
     */
    public static String checkTaskId(String id) {
        if (!TaskIds.isValid(id)) {
            throw task(id);
        }
        return id.toLowerCase(Locale.ROOT);
    }

    public String slug() {
        return slug;
    }
}
