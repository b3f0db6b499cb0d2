package io.taskforge.handler.builtin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A started process and everything it starts, so that none of it outlives the task.
 *
 * <p>A shell command routinely starts processes of its own ({@code sleep 60 &}, a pipeline, a
 * build tool's daemons). Killing the shell alone leaves them running: they are re-parented to
 * init and can no longer be found from the shell's {@link ProcessHandle}. Two things follow.
 * While the process runs, {@link #awaitExit()} takes a snapshot of its descendants now and then
 * and remembers them, so processes that were orphaned on the way (a double fork, a subshell that
 * exited) are still known when the time comes. And {@link #destroy} takes a fresh snapshot of
 * each process's descendants <em>before</em> killing it, then kills the root first (so it starts
 * nothing new) and every other process next, and repeats until none is left alive.
 *
 * <p>This is best effort: a process that both forks and escapes between two snapshots (within
 * the first poll interval, at most a second later) is not seen. {@link ProcessHandle} identifies
 * a process by pid and start time, so a remembered pid that the system has since reused for
 * another process is not killed.
 *
 * <p>A killed process counts as gone once it is a zombie (see {@link #isRunning}).
 *
 * <p>Used by one thread at a time.
 */
final class ProcessTree {

    /** The first snapshot comes quickly (short commands), later ones once a second (cheap). */
    private static final long FIRST_POLL_MILLIS = 50;

    private static final long MAX_POLL_MILLIS = 1_000;

    /** Between kill rounds: SIGKILL is immediate, the wait is for the kernel and the reaper. */
    private static final long KILL_ROUND_MILLIS = 20;

    private static final boolean PROC_FS = Files.isDirectory(Path.of("/proc/self"));

    private final Process root;
    private final Set<ProcessHandle> seen = new LinkedHashSet<>();

    ProcessTree(Process root) {
        this.root = root;
    }

    /** Waits for the root process to exit, remembering its descendants meanwhile. */
    int awaitExit() throws InterruptedException {
        long pollMillis = FIRST_POLL_MILLIS;
        while (!root.waitFor(pollMillis, TimeUnit.MILLISECONDS)) {
            seen.removeIf(p -> !isRunning(p));
            root.descendants().forEach(seen::add);
            pollMillis = Math.min(MAX_POLL_MILLIS, pollMillis * 2);
        }
        return root.exitValue();
    }

    /**
     * Kills, forcibly, the root process if it is still alive and every descendant of it that is
     * alive or was seen, repeating until none is left or {@code bound} has passed. Interrupts do
     * not cut it short; they are kept for the caller.
     */
    Killed destroy(Duration bound) {
        boolean rootWasAlive = root.isAlive();
        Set<ProcessHandle> victims = new LinkedHashSet<>();
        victims.add(root.toHandle()); // first, so it is killed first in every round
        victims.addAll(seen);
        Set<ProcessHandle> signalled = new LinkedHashSet<>();
        long deadline = System.nanoTime() + bound.toNanos();
        boolean interrupted = false;
        try {
            while (true) {
                // Snapshot before killing anything: once a parent is gone its children are
                // re-parented and can no longer be found from it.
                for (ProcessHandle p : List.copyOf(victims)) {
                    if (isRunning(p)) {
                        p.descendants().forEach(victims::add);
                    }
                }
                victims.removeIf(p -> !isRunning(p));
                if (victims.isEmpty() || System.nanoTime() - deadline > 0) {
                    signalled.remove(root.toHandle());
                    return new Killed(rootWasAlive, signalled.size(), pids(victims));
                }
                for (ProcessHandle p : victims) {
                    p.destroyForcibly();
                    signalled.add(p);
                }
                try {
                    Thread.sleep(KILL_ROUND_MILLIS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Alive and not a zombie. {@link ProcessHandle#isAlive} is true for a zombie: a process that
     * has died but that its parent has not reaped yet. The descendants killed here are orphans
     * by then, reaped by init, and where init does not reap (a JVM running as PID 1 in a
     * container) they would look alive forever. On Linux the state letter in
     * {@code /proc/<pid>/stat} tells; elsewhere this is {@link ProcessHandle#isAlive}.
     */
    static boolean isRunning(ProcessHandle p) {
        if (!p.isAlive()) {
            return false;
        }
        if (!PROC_FS) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            // "pid (comm) S ...": comm may itself contain spaces and parentheses.
            int end = stat.lastIndexOf(')');
            if (end < 0 || end + 2 >= stat.length()) {
                return true;
            }
            char state = stat.charAt(end + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return p.isAlive(); // gone in between, most likely
        }
    }

    private static List<Long> pids(Set<ProcessHandle> handles) {
        List<Long> pids = new ArrayList<>();
        handles.forEach(p -> pids.add(p.pid()));
        return pids;
    }

    /**
     * What {@link #destroy} did.
     *
     * @param rootWasAlive the root process was still running (an interrupt, not a normal exit)
     * @param descendants how many other processes were sent a kill
     * @param survivors pids still alive when the bound ran out (normally none)
     */
    record Killed(boolean rootWasAlive, int descendants, List<Long> survivors) {}
}
