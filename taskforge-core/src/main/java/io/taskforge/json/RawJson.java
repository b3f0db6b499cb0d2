package io.taskforge.json;

/**
 * JSON text that a handler returns as its result verbatim, without encoding it again (a plain
 * {@code String} result would become a JSON string).
 */
public record RawJson(String json) {}
