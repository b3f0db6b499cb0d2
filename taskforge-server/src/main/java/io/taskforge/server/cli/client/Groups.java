package io.taskforge.server.cli.client;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Commands that only group others ({@code tasks}, {@code tags}, ...): run alone, they say what to add. */
final class Groups {
    private Groups() {}

    static CommandLine.ParameterException nameOne(CommandSpec spec) {
        return new CommandLine.ParameterException(
                spec.commandLine(),
                "name a command: " + String.join(", ", spec.subcommands().keySet()));
    }
}
