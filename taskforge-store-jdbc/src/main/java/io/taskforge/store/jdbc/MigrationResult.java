package io.taskforge.store.jdbc;

/**
 * What a migration run did.
 *
 * @param applied how many migrations ran now
 * @param schemaVersion the schema version afterwards, e.g. {@code "2"}
 */
public record MigrationResult(int applied, String schemaVersion) {}
