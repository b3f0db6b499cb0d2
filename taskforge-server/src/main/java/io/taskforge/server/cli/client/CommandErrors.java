package io.taskforge.server.cli.client;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * What a command that fails while running prints: one line, never a stack trace (unless {@code
 * TASKFORGE_DEBUG} is set, for bug reports).
 */
public final class CommandErrors implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult fullParseResult) {
        PrintWriter err = commandLine.getErr();
        int code;
        if (e instanceof CliException cli) {
            err.println("taskforge: " + cli.getMessage());
            code = cli.exitCode();
        } else {
            err.println("taskforge: unexpected error (a bug; please report it): " + e);
            code = ExitCodes.INTERNAL;
        }
        if (System.getenv("TASKFORGE_DEBUG") != null) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }
}
