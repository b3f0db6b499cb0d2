package io.taskforge.task;

import java.util.List;

/** A change to a task's descriptive fields; null means "leave as is". */
public record TaskPatch(String title, String description, Priority priority, List<String> tags) {
    public boolean isEmpty() {
        return title == null && description == null && priority == null && tags == null;
    }
}
