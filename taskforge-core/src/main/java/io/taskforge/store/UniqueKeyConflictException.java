package io.taskforge.store;

/** The unique key is held by a task that has not finished yet; nothing was written. */
public class UniqueKeyConflictException extends RuntimeException {
    private final String uniqueKey;
    private final String holderTaskId;

    public UniqueKeyConflictException(String uniqueKey, String holderTaskId) {
        super("unique key '" + uniqueKey + "' is held by unfinished task " + holderTaskId);
        this.uniqueKey = uniqueKey;
        this.holderTaskId = holderTaskId;
    }

    public String uniqueKey() {
        return uniqueKey;
    }

    /** The id of the task holding the key; null if it finished before it could be looked up. */
    public String holderTaskId() {
        return holderTaskId;
    }
}
