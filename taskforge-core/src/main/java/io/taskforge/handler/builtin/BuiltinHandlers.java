package io.taskforge.handler.builtin;

import io.taskforge.handler.TaskHandler;
import io.taskforge.json.JsonCodec;
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
            handlers.add(new ShellHandler());
        }
        return List.copyOf(handlers);
    }
}
