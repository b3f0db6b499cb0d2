package io.taskforge.handler.builtin;

import io.taskforge.handler.TaskContext;
import io.taskforge.task.TaskError;
import io.taskforge.task.TaskLogLine;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task's child process to its end, for {@link ShellHandler} and {@link ScriptHandler}:
 * stdout and stderr go to the task log line by line as they are written, and when the attempt
 * ends, however it ends (exit, timeout or cancel, which interrupt the thread, or an unexpected
 * error), the whole process tree is killed, including processes left running in the background.
 * See {@link ProcessTree} for how the tree is found.
 */
final class ProcessRunner {

    /** How many lines of stderr the failure message quotes. */
    private static final int TAIL_LINES = 20;

    /**
     * How many characters of stderr the failure message quotes: a little under 4 KiB, so that the
     * whole message fits {@link TaskError#MAX_MESSAGE_CHARS}, which would cut the end, where the
     * last and most telling lines are.
     */
    private static final int TAIL_CHARS = TaskError.MAX_MESSAGE_CHARS - 512;

    /** How long killing the tree may take before the survivors are reported and left. */
    private static final Duration KILL_BOUND = Duration.ofSeconds(5);

    /**
     * How long to wait for the output to end once the tree is gone: normally at once, but a
     * process that escaped {@link ProcessTree} may still hold the pipes open.
     */
    private static final Duration DRAIN_AFTER_EXIT = Duration.ofSeconds(5);

    /** Shorter when interrupted: the engine is waiting to report a timeout or a cancel. */
    private static final Duration DRAIN_AFTER_KILL = Duration.ofSeconds(2);

    private final Logger log;
    private final String threadPrefix;
    private final String what;

    /**
     * @param owner the handler, under whose name processes that survive the kill are logged
     * @param threadPrefix names the threads that read the output, {@code PREFIX-stdout-TASKID}
     * @param what what the task log calls the process: "command", "script"
     */
    ProcessRunner(Class<?> owner, String threadPrefix, String what) {
        this.log = LoggerFactory.getLogger(owner);
        this.threadPrefix = threadPrefix;
        this.what = what;
    }

    /**
     * Adds the variables every child process of a task gets, after the payload's own so that they
     * cannot be replaced: the task id (a script's idempotency key, as delivery is at least once)
     * and the attempt.
     */
    static void putTaskVariables(Map<String, String> env, TaskContext ctx) {
        env.put("TASKFORGE_TASK_ID", ctx.taskId());
        env.put("TASKFORGE_ATTEMPT", Integer.toString(ctx.attempt()));
    }

    static Process start(ProcessBuilder builder) throws IOException {
        try {
            return builder.start();
        } catch (IOException e) {
            // Retryable: the program was checked before, so this is more likely a passing shortage
            // (processes, memory, file descriptors) than a lasting mistake.
            throw new IOException("could not start " + builder.command().getFirst() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Pumps the output of {@code process} into the task log until it exits, then kills its tree.
     *
     * @param onStdoutLine sees each line of stdout before the task log does
     * @throws ExitCodeException when the process exits with anything but 0, quoting the last lines
     *     of stderr (or of stdout when stderr was empty)
     * @throws InterruptedException on a timeout or cancel, once the tree is killed
     */
    void run(TaskContext ctx, Process process, Consumer<String> onStdoutLine)
            throws ExitCodeException, InterruptedException {
        String id = ctx.taskId();
        LinePump stdout = LinePump.start(
                process.getInputStream(),
                threadPrefix + "-stdout-" + id,
                line -> {
                    onStdoutLine.accept(line);
                    ctx.log(TaskLogLine.STDOUT, line);
                },
                TAIL_LINES,
                TAIL_CHARS);
        LinePump stderr = LinePump.start(
                process.getErrorStream(),
                threadPrefix + "-stderr-" + id,
                line -> ctx.log(TaskLogLine.STDERR, line),
                TAIL_LINES,
                TAIL_CHARS);

        ProcessTree tree = new ProcessTree(process);
        int exitCode;
        try {
            exitCode = tree.awaitExit();
        } finally {
            // Runs on every way out: a normal exit (to end what the process left in the
            // background), an interrupt from a timeout or cancel, or an unexpected error.
            ProcessTree.Killed killed = tree.destroy(KILL_BOUND);
            report(ctx, killed);
            Duration drain = killed.rootWasAlive() ? DRAIN_AFTER_KILL : DRAIN_AFTER_EXIT;
            long drainStart = System.nanoTime();
            boolean ended = stdout.awaitEnd(drain);
            ended &= stderr.awaitEnd(drain.minusNanos(System.nanoTime() - drainStart));
            if (!ended) {
                ctx.log("stopped reading the output: a process that escaped the kill still holds it open");
            }
            // Lines that still arrive belong to no attempt any more.
            stdout.close();
            stderr.close();
        }
        if (exitCode != 0) {
            throw new ExitCodeException(exitCode, failureMessage(exitCode, stderr.tail(), stdout.tail()));
        }
    }

    private void report(TaskContext ctx, ProcessTree.Killed killed) {
        if (killed.rootWasAlive()) {
            ctx.log("killed the " + what + " and " + killed.descendants() + " process(es) it started");
        } else if (killed.descendants() > 0) {
            ctx.log("killed " + killed.descendants() + " process(es) the " + what + " left running in the background");
        }
        if (!killed.survivors().isEmpty()) {
            ctx.log("could not kill pids " + killed.survivors());
            log.warn("task {}: processes {} survived being killed", ctx.taskId(), killed.survivors());
        }
    }

    private static String failureMessage(int exitCode, List<String> stderrTail, List<String> stdoutTail) {
        StringBuilder message = new StringBuilder("command exited with code ").append(exitCode);
        if (exitCode > 128 && exitCode < 160) {
            // Shells report death by signal N as 128 + N: 137 is SIGKILL, often the OOM killer.
            message.append(" (probably killed by signal ")
                    .append(exitCode - 128)
                    .append(')');
        }
        if (!stderrTail.isEmpty()) {
            message.append("; last lines of stderr:");
            stderrTail.forEach(line -> message.append('\n').append(line));
        } else if (!stdoutTail.isEmpty()) {
            // Many scripts print their errors to stdout; better than nothing.
            message.append("; no stderr, last lines of stdout:");
            stdoutTail.forEach(line -> message.append('\n').append(line));
        } else {
            message.append("; no output");
        }
        return message.toString();
    }
}
