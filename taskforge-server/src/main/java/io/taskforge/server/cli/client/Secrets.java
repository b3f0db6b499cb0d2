package io.taskforge.server.cli.client;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Passwords for the command line: read from standard input ({@code --password-stdin}, one per
 * line) or asked for without echo. Never taken as an argument, where the process list shows them.
 */
final class Secrets {
    private Secrets() {}

    /** {@code n} lines of standard input, or an error naming what is missing. */
    static List<String> stdinLines(int n, String what) {
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String line = in.readLine();
                if (line == null || line.isEmpty()) {
                    throw CliException.usage("--password-stdin: standard input held no " + what);
                }
                lines.add(line);
            }
            return lines;
        } catch (IOException e) {
            throw CliException.usage("--password-stdin: cannot read standard input: " + e.getMessage());
        }
    }

    /** Asks on the terminal without echo; without a terminal, says to use --password-stdin. */
    static String ask(String prompt) {
        Console console = System.console();
        if (console == null) {
            throw CliException.usage("no terminal to ask for the password: use --password-stdin");
        }
        char[] typed = console.readPassword("%s", prompt);
        if (typed == null || typed.length == 0) {
            throw CliException.usage("no password given");
        }
        return new String(typed);
    }

    /** A new password, typed twice on a terminal. */
    static String askNew(String prompt) {
        String first = ask(prompt);
        if (!first.equals(ask("Again: "))) {
            throw CliException.usage("the two passwords differ");
        }
        return first;
    }
}
