package io.taskforge.client;

import io.taskforge.store.InsertOutcome;
import io.taskforge.store.Inserted;
import io.taskforge.store.TaskStore;
import io.taskforge.task.Task;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets concurrent single submissions share commits. A commit costs the database a flush to disk,
 * which takes as long for a hundred rows as for one; so when many callers submit one task each,
 * the tasks waiting at the moment a transaction starts all go into it.
 *
 * <p>There is no writer thread and no timer. A caller who finds fewer than {@code maxWriters}
 * transactions running writes at once: a lone submission goes straight to the store and waits for
 * nothing. Otherwise it queues. A caller whose transaction has committed hands the turn to the
 * first caller in the queue (removing it from the queue under the lock, so nobody is handed the
 * turn twice), and that caller writes itself together with whatever else is queued then, up to
 * {@code maxGroup} tasks. Each queued caller is thus either taken into someone's group or handed
 * the turn, exactly once, and whoever has the turn always passes it on before returning: nobody
 * is left waiting in the queue. Invariant, under {@link #lock}: when {@code writers <
 * maxWriters} the queue is empty.
 *
 * <p>Semantics are those of one submission at a time: the store's {@link
 * TaskStore#taskInsertEach} gives each task of a group the outcome it would have had alone (a
 * repeated idempotency key returns the earlier task, a unique key held by an earlier task of the
 * group conflicts with it, one refused task leaves the others alone), and a caller hears of its
 * task only after the transaction holding it committed.
 */
final class GroupCommit {
    private final TaskStore store;
    private final int maxWriters;
    private final int maxGroup;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Submission> queue = new ArrayDeque<>(); // guarded by lock
    private int writers; // guarded by lock

    GroupCommit(TaskStore store, int maxWriters, int maxGroup) {
        if (maxWriters < 1 || maxGroup < 1) {
            throw new IllegalArgumentException("maxWriters and maxGroup must be at least 1");
        }
        this.store = store;
        this.maxWriters = maxWriters;
        this.maxGroup = maxGroup;
    }

    /** Stores one task, possibly in the same transaction as other callers' tasks. */
    Inserted submit(Task row) {
        Submission mine = new Submission(row);
        boolean writeNow;
        lock.lock();
        try {
            writeNow = writers < maxWriters;
            if (writeNow) {
                writers++;
            } else {
                queue.addLast(mine);
            }
        } finally {
            lock.unlock();
        }
        if (writeNow || mine.awaitTurnOrOutcome()) {
            writeGroupWith(mine);
        }
        return mine.outcome().orThrow();
    }

    /** How many callers are queued now (for tests and diagnostics). */
    int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Holds the turn: writes {@code first} and what is queued, then passes the turn on. */
    private void writeGroupWith(Submission first) {
        List<Submission> group = new ArrayList<>();
        group.add(first);
        try {
            lock.lock();
            try {
                while (group.size() < maxGroup && !queue.isEmpty()) {
                    group.add(queue.pollFirst());
                }
            } finally {
                lock.unlock();
            }
            write(group);
        } finally {
            passTurn();
        }
    }

    private void write(List<Submission> group) {
        List<Task> rows = new ArrayList<>(group.size());
        for (Submission s : group) {
            rows.add(s.row);
        }
        try {
            List<InsertOutcome> outcomes = store.taskInsertEach(rows);
            if (outcomes.size() != group.size()) {
                throw new IllegalStateException(
                        "the store answered " + outcomes.size() + " outcomes for " + group.size() + " tasks");
            }
            for (int i = 0; i < group.size(); i++) {
                group.get(i).finish(outcomes.get(i));
            }
        } catch (RuntimeException e) {
            // The transaction itself failed (or the store broke its contract): nothing of this
            // group is stored, and every caller in it hears why.
            for (Submission s : group) {
                s.finish(InsertOutcome.failed(e));
            }
        } catch (Error e) {
            for (Submission s : group) {
                s.fail(e);
            }
            throw e;
        }
    }

    private void passTurn() {
        Submission next;
        lock.lock();
        try {
            next = queue.pollFirst();
            if (next == null) {
                writers--;
            }
        } finally {
            lock.unlock();
        }
        if (next != null) {
            next.takeTurn();
        }
    }

    /** One caller's task: waits until it has an outcome or is handed the turn. */
    private static final class Submission {
        final Task row;
        private final CountDownLatch signal = new CountDownLatch(1);
        private volatile InsertOutcome outcome;
        private volatile Error error;

        Submission(Task row) {
            this.row = row;
        }

        void finish(InsertOutcome result) {
            outcome = result;
            signal.countDown();
        }

        void fail(Error e) {
            error = e;
            signal.countDown();
        }

        /** Called by the caller that passes the turn; this submission has no outcome yet. */
        void takeTurn() {
            signal.countDown();
        }

        /**
         * Waits for either. Interrupts are remembered, not obeyed: once queued, the task may be
         * committed by another caller at any moment, and a caller must not give up on an answer it
         * will not learn again. The wait ends when the turn holder's transaction ends.
         *
         * @return true when this caller was handed the turn and must write
         */
        boolean awaitTurnOrOutcome() {
            boolean interrupted = false;
            while (signal.getCount() > 0) {
                try {
                    signal.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return outcome == null && error == null;
        }

        InsertOutcome outcome() {
            if (error != null) {
                throw error;
            }
            return outcome;
        }
    }
}
