package io.taskforge.server.audit;

import io.taskforge.auth.Role;
import io.taskforge.server.auth.Caller;
import io.taskforge.server.auth.CurrentCaller;
import java.util.concurrent.atomic.AtomicReference;

/** The caller of the next requests, set by the test; the built-in {@code system} ADMIN until then. */
final class SwitchableCaller implements CurrentCaller {
    static final Caller SYSTEM = new Caller("system", null, null, "default", Role.ADMIN, false, null);

    private final AtomicReference<Caller> caller = new AtomicReference<>(SYSTEM);

    void set(Caller c) {
        caller.set(c);
    }

    void reset() {
        caller.set(SYSTEM);
    }

    @Override
    public Caller caller() {
        return caller.get();
    }
}
