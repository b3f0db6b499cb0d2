package io.taskforge.server.problem;

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

    public String slug() {
        return slug;
    }
}
