package io.taskforge.task;

/**
 * Why an attempt failed. {@code type} is a short machine-readable kind (an exception class
 * name, {@code Timeout}, {@code LeaseExpired}, {@code ExitCode}); {@code stack} may be null.
 */
public record TaskError(String type, String message, String stack) {

    /** Longest stack trace kept; the top of a trace is what explains a failure. */
    public static final int MAX_STACK_CHARS = 16_384;

    public static final int MAX_MESSAGE_CHARS = 4_096;

    public TaskError {
        type = type == null || type.isBlank() ? "Error" : type;
        message = Texts.truncate(message, MAX_MESSAGE_CHARS);
        stack = Texts.truncate(stack, MAX_STACK_CHARS);
    }

    public static TaskError of(String type, String message) {
        return new TaskError(type, message, null);
    }
}
