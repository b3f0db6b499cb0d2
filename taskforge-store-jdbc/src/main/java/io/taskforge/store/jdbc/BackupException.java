package io.taskforge.store.jdbc;

import io.taskforge.store.StoreException;

/** A backup that was not made; {@link #reason()} says why, the message says what to do. */
public final class BackupException extends StoreException {
    public enum Reason {
        /** The target file exists and overwriting was not asked for. */
        TARGET_EXISTS,
        /** There is no database at the URL, or it cannot be reached. */
        NO_DATABASE,
        /** The tool the backup needs (pg_dump) is not installed; the message says what to run. */
        TOOL_MISSING,
        /** The backup started and failed; nothing was left at the target. */
        FAILED
    }

    private final Reason reason;

    BackupException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    BackupException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
