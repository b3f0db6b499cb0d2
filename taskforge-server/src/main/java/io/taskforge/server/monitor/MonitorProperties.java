package io.taskforge.server.monitor;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code taskforge.monitor.*} settings: bounds of the monitoring endpoints and of {@code
 * /events/stream}. Each is also an environment variable ({@code TASKFORGE_MONITOR_MAX_EVENT_STREAMS}).
 *
 * @param maxEventStreams event streams open at once; more answer 503
 * @param eventStreamPollInterval how often an open event stream looks for new task changes
 * @param eventStreamHeartbeat how often an idle stream sends a comment (with its position as event
 *     id) so proxies keep it open and a reconnecting client skips what its filter left out
 * @param eventStreamMaxDuration how long one stream stays open; the client reconnects with {@code
 *     Last-Event-ID} and loses nothing
 * @param eventGapWait how long a stream waits for an event id that is drawn but not yet committed
 *     (PostgreSQL) before it steps over it as rolled back
 */
@ConfigurationProperties("taskforge.monitor")
public record MonitorProperties(
        @DefaultValue("256") int maxEventStreams,
        @DefaultValue("500ms") Duration eventStreamPollInterval,
        @DefaultValue("15s") Duration eventStreamHeartbeat,
        @DefaultValue("1h") Duration eventStreamMaxDuration,
        @DefaultValue("5s") Duration eventGapWait) {}
