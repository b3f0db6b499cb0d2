package io.taskforge.task;

/** The orders a task list can be read in. Ties are broken by id in the same direction. */
public enum TaskSort {
    CREATED_AT_ASC("createdAt"),
    CREATED_AT_DESC("-createdAt"),
    PRIORITY_ASC("priority"),
    PRIORITY_DESC("-priority"),
    UPDATED_AT_ASC("updatedAt"),
    UPDATED_AT_DESC("-updatedAt");

    private final String wireName;

    TaskSort(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean descending() {
        return wireName.startsWith("-");
    }

    /** Parses {@code createdAt}, {@code -priority}, ...; null when the name is not one of them. */
    public static TaskSort ofWireName(String name) {
        for (TaskSort s : values()) {
            if (s.wireName.equals(name)) {
                return s;
            }
        }
        return null;
    }
}
