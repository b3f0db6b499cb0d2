package io.taskforge.task;

/** How far a running task says it is: 0..100 percent and an optional message. */
public record Progress(int percent, String message) {
    public static final int MAX_MESSAGE_CHARS = 500;

    public Progress {
        percent = Math.max(0, Math.min(100, percent));
        message = Texts.truncate(message, MAX_MESSAGE_CHARS);
    }
}
