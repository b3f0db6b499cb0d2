package io.taskforge.json;

/** JSON that could not be read or written; the message says where. */
public class JsonException extends RuntimeException {
    public JsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
