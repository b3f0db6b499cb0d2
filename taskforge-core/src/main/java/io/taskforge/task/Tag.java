package io.taskforge.task;

/** A label on tasks. {@code color} is a CSS colour such as {@code #1e88e5}, or null. */
public record Tag(String name, String color, long taskCount) {}
