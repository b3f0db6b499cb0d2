package io.taskforge.script;

import java.time.Instant;
import java.util.Objects;

/**
 * A checked change for {@link ScriptStore#scriptUpdate}: null fields stay as they are.
 *
 * @param now the time of the change: {@code updatedAt}, and {@code createdAt} of a new version
 */
public record ScriptUpdate(
        String id,
        String name,
        String description,
        ScriptLanguage language,
        String content,
        String parameters,
        String queue,
        Integer timeoutSeconds,
        Integer maxAttempts,
        Instant now) {

    public ScriptUpdate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(now, "now");
    }
}
