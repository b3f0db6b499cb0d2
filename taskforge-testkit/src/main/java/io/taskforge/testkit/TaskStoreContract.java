package io.taskforge.testkit;

import io.taskforge.store.TaskStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;

/**
 * The behaviour every {@link TaskStore} must show, as one JUnit suite each store runs:
 *
 * <pre>{@code
 * class SqliteTaskStoreTest extends TaskStoreContract {
 *     @TempDir Path dir;
 *
 *     @Override
 *     protected TaskStore createStore() {
 *         return JdbcStores.sqlite(dir.resolve("tasks.db"));
 *     }
 * }
 * }</pre>
 *
 * Each test gets a new, empty store from {@link #createStore()} and closes it afterwards. Time is
 * {@link #clock}, a {@link SettableClock} the tests move; stores never read a clock, they take
 * {@code now} as a parameter. The suite is grouped by topic; each group lives in its own file.
 */
public abstract class TaskStoreContract {
    /** The time the tests pass as {@code now}. */
    protected final SettableClock clock = new SettableClock();

    private TaskStore store;

    /** A store on an empty database, which the suite closes after the test. */
    protected abstract TaskStore createStore();

    /** The store of the running test. */
    protected final TaskStore store() {
        return store;
    }

    @BeforeEach
    final void openStore() {
        store = createStore();
    }

    @AfterEach
    final void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Nested
    class Submitting extends SubmittingContract {
        Submitting() {
            super(TaskStoreContract.this);
        }
    }

    @Nested
    class Listing extends ListingContract {
        Listing() {
            super(TaskStoreContract.this);
        }
    }

    @Nested
    class Editing extends EditingContract {
        Editing() {
            super(TaskStoreContract.this);
        }
    }

    @Nested
    class Claiming extends ClaimingContract {
        Claiming() {
            super(TaskStoreContract.this);
        }
    }

    @Nested
    class Leasing extends LeasingContract {
        Leasing() {
            super(TaskStoreContract.this);
        }
    }

    @Nested
    class EndingAttempts extends EndingAttemptsContract {
        EndingAttempts() {
            super(TaskStoreContract.this);
        }
    }

    @Nested
    class Logs extends LogsContract {
        Logs() {
            super(TaskStoreContract.this);
        }
    }

    @Nested
    class AttemptReports extends AttemptReportsContract {
        AttemptReports() {
            super(TaskStoreContract.this);
        }
    }

    @Nested
    class Maintenance extends MaintenanceContract {
        Maintenance() {
            super(TaskStoreContract.this);
        }
    }

    @Nested
    class Retention extends RetentionContract {
        Retention() {
            super(TaskStoreContract.this);
        }
    }

    @Nested
    class Workers extends WorkersContract {
        Workers() {
            super(TaskStoreContract.this);
        }
    }

    @Nested
    class Queues extends QueuesContract {
        Queues() {
            super(TaskStoreContract.this);
        }
    }

    @Nested
    class Tagging extends TaggingContract {
        Tagging() {
            super(TaskStoreContract.this);
        }
    }

    @Nested
    class Tenancy extends TenancyContract {
        Tenancy() {
            super(TaskStoreContract.this);
        }
    }

    @Nested
    class Stats extends TaskStatsContract {
        Stats() {
            super(TaskStoreContract.this);
        }
    }

    @Nested
    class ChangeFeed extends ChangeFeedContract {
        ChangeFeed() {
            super(TaskStoreContract.this);
        }
    }

    @Nested
    class Listening extends ListeningContract {
        Listening() {
            super(TaskStoreContract.this);
        }
    }
}
