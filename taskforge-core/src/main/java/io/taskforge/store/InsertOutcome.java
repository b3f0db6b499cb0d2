package io.taskforge.store;

import java.util.Objects;

/**
 * What became of one task of {@link TaskStore#taskInsertEach}: stored (or, for an idempotency key
 * used before, the earlier task), or refused with the exception an insert of that task alone would
 * have thrown. Exactly one of the two is set.
 */
public record InsertOutcome(Inserted inserted, RuntimeException error) {

    public InsertOutcome {
        if ((inserted == null) == (error == null)) {
            throw new IllegalArgumentException("an outcome is either inserted or an error");
        }
    }

    public static InsertOutcome of(Inserted inserted) {
        return new InsertOutcome(Objects.requireNonNull(inserted, "inserted"), null);
    }

    public static InsertOutcome failed(RuntimeException error) {
        return new InsertOutcome(null, Objects.requireNonNull(error, "error"));
    }

    /** The stored task, or the error thrown. */
    public Inserted orThrow() {
        if (error != null) {
            throw error;
        }
        return inserted;
    }
}
