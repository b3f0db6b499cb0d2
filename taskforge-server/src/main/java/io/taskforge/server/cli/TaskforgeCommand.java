package io.taskforge.server.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code taskforge}: the entry point of the executable jar.
 *
 * <pre>
 *   taskforge server [--port 8080] [--db JDBC_URL] [--data-dir ./data] [--worker-concurrency N]
 *                    [--no-worker] [--bind ADDRESS] [--queues a,b] [--no-shell]
 *   taskforge worker [--db JDBC_URL] [--data-dir ./data] [--queues a,b] [--concurrency N] [--no-shell]
 *   taskforge --help | --version
 * </pre>
 *
 * Every option can also be given as an environment variable ({@code TASKFORGE_PORT}, ...) or as a
 * {@code taskforge.*} Spring property; an option on the command line wins. Mistakes in options end
 * the process with one line on stderr and exit code 2, before anything starts.
 */
@Command(
        name = "taskforge",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        subcommands = {ServerCommand.class, WorkerCommand.class, CommandLine.HelpCommand.class},
        description = "Self-hosted task orchestration: a durable task queue on SQL, workers and a REST API.",
        footer = {
            "",
            "Start with 'taskforge server': API and worker on an embedded SQLite database under ./data.",
            "Run 'taskforge help COMMAND' for a command's options."
        })
public final class TaskforgeCommand implements Runnable {
    static final int EXIT_USAGE = 2;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: server or worker");
    }

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        // A started server or worker keeps running on its own threads; everything else ends here.
        if (!Launcher.launched() || code != 0) {
            System.exit(code);
        }
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new TaskforgeCommand());
        cl.setParameterExceptionHandler(TaskforgeCommand::badUsage);
        return cl;
    }

    /** One line that says what is wrong and where to look, instead of the whole usage text. */
    private static int badUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        String command = cl.getCommandSpec().qualifiedName();
        err.println(command + ": " + e.getMessage() + " (see '" + command + " --help')");
        err.flush();
        return EXIT_USAGE;
    }
}
