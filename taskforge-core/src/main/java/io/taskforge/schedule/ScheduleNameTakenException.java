package io.taskforge.schedule;

/** Another undeleted schedule of the tenant has this name. */
public class ScheduleNameTakenException extends RuntimeException {
    private final String name;

    public ScheduleNameTakenException(String name) {
        super("a schedule named '" + name + "' exists");
        this.name = name;
    }

    public String name() {
        return name;
    }
}
