package io.taskforge.script;

import java.time.Instant;

/**
 * A stored script as it is now: its settings, and the language, content and parameter schema of
 * its current {@code version}.
 *
 * <p>{@code parameters} is a JSON Schema (draft 2020-12) as JSON text; the parameters of a run must
 * match it. {@code queue}, {@code timeoutSeconds} and {@code maxAttempts} are those of the tasks
 * that running the script creates. A change of language, content or parameters makes a new
 * version; a change of anything else does not (see {@link ScriptStore#scriptUpdate}).
 */
public record Script(
        String id,
        String tenantId,
        String name,
        String description,
        ScriptLanguage language,
        String content,
        String parameters,
        String queue,
        int timeoutSeconds,
        int maxAttempts,
        int version,
        Instant createdAt,
        Instant updatedAt) {}
