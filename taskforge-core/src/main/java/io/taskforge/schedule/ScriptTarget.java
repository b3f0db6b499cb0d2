package io.taskforge.schedule;

/**
 * A run of a stored script: each fire runs the script's version current at that moment with these
 * parameters (a JSON object as text; null means {@code {}}), checked against its schema then.
 *
 * @param script the script's id or name
 */
public record ScriptTarget(String script, String params) implements ScheduleTarget {
    public static final String KIND = "script";

    @Override
    public String kind() {
        return KIND;
    }
}
