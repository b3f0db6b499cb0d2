package io.taskforge.server.auth;

import io.taskforge.auth.AuthStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When each API key was last used, to the minute. A request only notes it in memory; {@link
 * #flush} writes what changed in one batch (every minute and at shutdown), so a busy key costs no
 * write per request.
 */
final class ApiKeyUsage {
    private static final Logger log = LoggerFactory.getLogger(ApiKeyUsage.class);

    private final AuthStore store;
    private final Clock clock;
    private final Map<String, Instant> pending = new ConcurrentHashMap<>();
    private final Map<String, Instant> written = new ConcurrentHashMap<>();

    ApiKeyUsage(AuthStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    private ScheduledExecutorService timer;

    ApiKeyUsage start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "taskforge-api-key-usage");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::flush, 60, 60, TimeUnit.SECONDS);
        return this;
    }

    void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        flush();
    }

    void used(String keyId) {
        Instant minute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        if (!minute.equals(written.get(keyId))) {
            pending.put(keyId, minute);
        }
    }

    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Map<String, Instant> batch = new HashMap<>();
        for (String id : pending.keySet()) {
            Instant at = pending.remove(id);
            if (at != null) {
                batch.put(id, at);
            }
        }
        try {
            store.apiKeysUsed(batch);
            written.putAll(batch);
        } catch (RuntimeException e) {
            // Only a display field: losing one minute of it is better than failing requests.
            log.warn("could not record when API keys were last used: {}", e.getMessage());
        }
    }
}
