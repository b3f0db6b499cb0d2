package io.taskforge.store.jdbc;

import java.nio.file.Path;

/**
 * A finished backup.
 *
 * @param file where it is, as an absolute path
 * @param bytes its size
 * @param method how it was made: {@code "sqlite VACUUM INTO"} or {@code "pg_dump (custom format)"}
 * @param restoreHint how to bring it back, in one line for people
 */
public record BackupResult(Path file, long bytes, String method, String restoreHint) {}
