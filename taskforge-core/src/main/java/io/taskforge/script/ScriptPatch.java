package io.taskforge.script;

/**
 * A caller's change to a script; null means "leave as is". {@code language} is a wire name and
 * {@code parameters} JSON text, as in {@link NewScript}. Changing language, content or parameters
 * makes a new version.
 */
public record ScriptPatch(
        String name,
        String description,
        String language,
        String content,
        String parameters,
        String queue,
        Integer timeoutSeconds,
        Integer maxAttempts) {

    public boolean isEmpty() {
        return name == null
                && description == null
                && language == null
                && content == null
                && parameters == null
                && queue == null
                && timeoutSeconds == null
                && maxAttempts == null;
    }
}
