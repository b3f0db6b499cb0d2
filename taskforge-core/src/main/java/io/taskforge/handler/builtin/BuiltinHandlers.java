package io.taskforge.handler.builtin;

import io.taskforge.handler.TaskHandler;
import io.taskforge.json.JsonCodec;
import io.taskforge.script.ScriptStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The built-in handlers, for the engine and the server to register. */
public final class BuiltinHandlers {
    private BuiltinHandlers() {}

    /**
     * {@code noop}, {@code sleep}, {@code http}, and {@code shell} when {@code shellEnabled}: shell
     * runs any command as the worker's user, so a deployment may switch it off.
     */
    public static List<TaskHandler> all(JsonCodec json, boolean shellEnabled) {
        Objects.requireNonNull(json, "json");
        List<TaskHandler> handlers =
                new ArrayList<>(List.of(new NoopHandler(), new SleepHandler(), new HttpHandler(json)));
        if (shellEnabled) {
            handlers.add(new ShellHandler(json));
        }
        return List.copyOf(handlers);
    }

    /**
     * As {@link #all(JsonCodec, boolean)}, plus {@code script} (stored scripts, read from {@code
     * scripts}) when {@code shellEnabled}: running a stored script is running code as much as shell.
     */
    public static List<TaskHandler> all(JsonCodec json, boolean shellEnabled, ScriptStore scripts) {
        Objects.requireNonNull(scripts, "scripts");
        List<TaskHandler> handlers = new ArrayList<>(all(json, shellEnabled));
        if (shellEnabled) {
            handlers.add(new ScriptHandler(scripts, json));
        }
        return List.copyOf(handlers);
    }
}
