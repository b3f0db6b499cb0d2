package io.taskforge.client;

/** One rejected input field: {@code field} is its path ({@code tasks[3].priority}), {@code message} why. */
public record FieldError(String field, String message) {}
