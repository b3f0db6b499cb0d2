package io.taskforge.script;

/**
 * What a caller asks for when storing a script. {@code language} is a wire name ({@code bash},
 * {@code sh}, {@code python}), checked with every other field by {@link ScriptService}.
 * {@code parameters} is JSON text; null means any object ({@code {"type": "object"}}). Null
 * {@code queue}, {@code timeoutSeconds} and {@code maxAttempts} take the task defaults.
 */
public record NewScript(
        String name,
        String description,
        String language,
        String content,
        String parameters,
        String queue,
        Integer timeoutSeconds,
        Integer maxAttempts) {}
