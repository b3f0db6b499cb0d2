package io.taskforge.server.cli.client;

/**
 * Ends a command with a message for people (printed after {@code taskforge: }, no stack trace) and
 * one of the {@link ExitCodes}.
 */
public final class CliException extends RuntimeException {
    private final int exitCode;
    private final int httpStatus;

    public CliException(int exitCode, String message) {
        this(exitCode, message, 0);
    }

    CliException(int exitCode, String message, int httpStatus) {
        super(message, null, false, false);
        this.exitCode = exitCode;
        this.httpStatus = httpStatus;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The HTTP status of a refusal by the server; 0 for everything else. */
    int httpStatus() {
        return httpStatus;
    }

    static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message);
    }
}
