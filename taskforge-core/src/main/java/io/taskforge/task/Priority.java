package io.taskforge.task;

/** Claim order between waiting tasks of one queue: URGENT first, first-in first-out within one. */
public enum Priority {
    LOW(0),
    NORMAL(1),
    HIGH(2),
    URGENT(3);

    private final int rank;

    Priority(int rank) {
        this.rank = rank;
    }

    /** The number stored in the database; higher is claimed first. */
    public int rank() {
        return rank;
    }

    public static Priority ofRank(int rank) {
        for (Priority p : values()) {
            if (p.rank == rank) {
                return p;
            }
        }
        throw new IllegalArgumentException("no priority with rank " + rank);
    }
}
