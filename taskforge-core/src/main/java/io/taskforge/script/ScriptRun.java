package io.taskforge.script;

import io.taskforge.task.Priority;
import java.time.Instant;
import java.util.List;

/**
 * A request to run a script once. {@code params} is a JSON object as text (null means {@code
 * {}}), checked against the script's parameter schema. The other fields are those of the task it
 * creates; null takes the defaults ({@code title} defaults to the script's name, the task runs at
 * once).
 *
 * @param idempotencyKey as for any task: a repeated run with the same key returns the first task
 */
public record ScriptRun(
        String params, String title, Priority priority, List<String> tags, Instant runAt, String idempotencyKey) {

    public ScriptRun {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** A run with these parameters and every other field defaulted. */
    public static ScriptRun withParams(String params) {
        return new ScriptRun(params, null, null, List.of(), null, null);
    }
}
