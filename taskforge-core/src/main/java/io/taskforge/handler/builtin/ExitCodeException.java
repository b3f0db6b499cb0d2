package io.taskforge.handler.builtin;

/**
 * A shell command ended with a non-zero exit code. Retryable: commands fail for passing reasons
 * (a network share, a lock, a busy service) as often as for lasting ones.
 */
public final class ExitCodeException extends Exception {
    private final int exitCode;

    public ExitCodeException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
