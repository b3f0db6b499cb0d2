package io.taskforge.schedule;

/** How one fire ended. */
public enum FireOutcome {
    /** The task or run was created. */
    CREATED,
    /**
     * Nothing could be created (the script was deleted, its parameters no longer fit, the task
     * template is out of bounds); the fire's {@code error} says why, and the slot is done with.
     */
    FAILED
}
