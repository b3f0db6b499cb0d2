package io.taskforge.server.cli;

import io.taskforge.server.cli.client.AuditCommand;
import io.taskforge.server.cli.client.CommandErrors;
import io.taskforge.server.cli.client.KeysCommand;
import io.taskforge.server.cli.client.LoginCommand;
import io.taskforge.server.cli.client.LogoutCommand;
import io.taskforge.server.cli.client.LogsCommand;
import io.taskforge.server.cli.client.MembersCommand;
import io.taskforge.server.cli.client.PasswdCommand;
import io.taskforge.server.cli.client.PipelinesCommand;
import io.taskforge.server.cli.client.QueuesCommand;
import io.taskforge.server.cli.client.SchedulesCommand;
import io.taskforge.server.cli.client.ScriptsCommand;
import io.taskforge.server.cli.client.SubmitCommand;
import io.taskforge.server.cli.client.TagsCommand;
import io.taskforge.server.cli.client.TasksCommand;
import io.taskforge.server.cli.client.TenantsCommand;
import io.taskforge.server.cli.client.UsersCommand;
import io.taskforge.server.cli.client.WhoamiCommand;
import io.taskforge.server.cli.client.WorkersCommand;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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
 *   taskforge submit|tasks|logs|tags|scripts|queues|workers ... [--server URL] [--json]
 *   taskforge migrate|backup ... [--db JDBC_URL | --data-dir ./data]
 *   taskforge --help | --version
 * </pre>
 *
 * The client commands ({@code io.taskforge.server.cli.client}) talk to a running server over its REST
 * API and never start Spring, so they start in a moment; {@code migrate} and {@code backup} open the
 * store directly. Exit codes are listed in {@link io.taskforge.server.cli.client.ExitCodes}.
 *
 * Every option can also be given as an environment variable ({@code TASKFORGE_PORT}, ...) or as a
 * {@code taskforge.*} Spring property; an option on the command line wins. Mistakes in options end
 * the process with one line on stderr and exit code 2, before anything starts.
 */
@Command(
        name = "taskforge",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        subcommands = {
            ServerCommand.class,
            WorkerCommand.class,
            LoginCommand.class,
            LogoutCommand.class,
            WhoamiCommand.class,
            PasswdCommand.class,
            SubmitCommand.class,
            TasksCommand.class,
            LogsCommand.class,
            TagsCommand.class,
            ScriptsCommand.class,
            PipelinesCommand.class,
            SchedulesCommand.class,
            QueuesCommand.class,
            WorkersCommand.class,
            UsersCommand.class,
            TenantsCommand.class,
            MembersCommand.class,
            KeysCommand.class,
            AuditCommand.class,
            MigrateCommand.class,
            BackupCommand.class,
            CommandLine.HelpCommand.class
        },
        description = "Self-hosted task orchestration: a durable task queue on SQL, workers and a REST API.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done (with --wait: the task SUCCEEDED)",
            "1:with --wait: the task FAILED",
            "2:bad usage or bad input; nothing was sent",
            "3:the server (migrate, backup: the database) cannot be reached",
            "4:the server refused the request; its problem is printed",
            "5:with --wait: the task was CANCELLED or deleted",
            "6:with --wait: --wait-timeout passed first",
            "7:a backup or migration failed"
        },
        footer = {
            "",
            "Start with 'taskforge server': API and worker on an embedded SQLite database under ./data.",
            "The client commands talk to it at --server (default http://127.0.0.1:8080, env TASKFORGE_SERVER).",
            "Run 'taskforge help COMMAND' for a command's options."
        })
public final class TaskforgeCommand implements Runnable {
    static final int EXIT_USAGE = 2;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "name a command: " + String.join(", ", spec.subcommands().keySet()));
    }

    public static void main(String[] args) {
        CommandLine cl = commandLine();
        // Task logs and titles are UTF-8 whatever the locale says; a POSIX locale would print '?'.
        cl.setOut(new PrintWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true));
        int code = cl.execute(args);
        // A started server or worker keeps running on its own threads; everything else ends here.
        if (!Launcher.launched() || code != 0) {
            System.exit(code);
        }
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new TaskforgeCommand());
        cl.setParameterExceptionHandler(TaskforgeCommand::badUsage);
        cl.setExecutionExceptionHandler(new CommandErrors());
        // "--payload @file.json" is ours to read: picocli would otherwise splice the file in as arguments.
        cl.setExpandAtFiles(false);
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
