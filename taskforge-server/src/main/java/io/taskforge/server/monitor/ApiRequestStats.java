package io.taskforge.server.monitor;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

/**
 * Request counts, error counts and latency percentiles per endpoint since the server started, for
 * {@code GET /monitor/apis}.
 *
 * <p>It hears the same observations that Micrometer turns into {@code http.server.requests}
 * (Spring's {@code ServerHttpObservationFilter}), which carry the matched route template, so an
 * endpoint is {@code GET /api/v1/tasks/{id}} however many ids are asked for. That metric cannot
 * answer this endpoint itself: it splits every route by status and outcome, and percentiles of
 * the parts do not add up to the route's. Latencies go to an HdrHistogram {@link Recorder} per
 * endpoint (wait-free for the request threads); a read folds what was recorded since the last read
 * into a cumulative histogram under the endpoint's lock. Two significant digits: percentiles are
 * within 1% of the exact value, in a few kilobytes per endpoint.
 *
 * <p>Bounded: requests that matched no route are one endpoint per method ({@value #NO_ROUTE}),
 * unknown methods are {@code OTHER}, and past {@value #MAX_ENDPOINTS} endpoints the rest are
 * counted under {@value #OVERFLOW}.
 */
@Component
class ApiRequestStats implements ObservationHandler<ServerRequestObservationContext> {
    static final String NO_ROUTE = "(no route)";
    static final String OVERFLOW = "(other)";
    static final int MAX_ENDPOINTS = 1000;
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final Map<Endpoint, EndpointStats> endpoints = new ConcurrentHashMap<>();
    private final Instant since = Clock.systemUTC().instant();

    record Endpoint(String method, String route) {}

    /** When the request started, kept on the observation context. */
    private record Started(long nanos) {}

    Instant since() {
        return since;
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof ServerRequestObservationContext;
    }

    @Override
    public void onStart(ServerRequestObservationContext context) {
        context.put(Started.class, new Started(System.nanoTime()));
    }

    @Override
    public void onStop(ServerRequestObservationContext context) {
        Started started = context.get(Started.class);
        if (started == null) {
            return;
        }
        long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started.nanos());
        HttpServletResponse response = context.getResponse();
        int status = response == null ? 0 : response.getStatus();
        if (context.getError() != null && status < 400) {
            // The failure escaped before a status was written: the client gets a 500.
            status = 500;
        }
        String method = context.getCarrier().getMethod();
        method = method == null ? "OTHER" : method.toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            method = "OTHER";
        }
        String route = context.getPathPattern() == null ? NO_ROUTE : context.getPathPattern();
        stats(new Endpoint(method, route)).record(status, micros);
    }

    private EndpointStats stats(Endpoint endpoint) {
        EndpointStats found = endpoints.get(endpoint);
        if (found != null) {
            return found;
        }
        if (endpoints.size() >= MAX_ENDPOINTS) {
            endpoint = new Endpoint(endpoint.method(), OVERFLOW);
        }
        return endpoints.computeIfAbsent(endpoint, e -> new EndpointStats());
    }

    /** Every endpoint seen, by route and method. */
    List<ApiStatsResponse.EndpointStats> snapshot() {
        return endpoints.entrySet().stream()
                .map(e -> e.getValue().snapshot(e.getKey()))
                .sorted(Comparator.comparing(ApiStatsResponse.EndpointStats::route)
                        .thenComparing(ApiStatsResponse.EndpointStats::method))
                .toList();
    }

    private static final class EndpointStats {
        private final LongAdder count = new LongAdder();
        private final LongAdder clientErrors = new LongAdder();
        private final LongAdder serverErrors = new LongAdder();
        private final LongAccumulator maxMicros = new LongAccumulator(Math::max, 0);
        private final Recorder recorder = new Recorder(2);
        private final Histogram cumulative = new Histogram(2);
        private Histogram interval;

        void record(int status, long micros) {
            count.increment();
            if (status >= 500) {
                serverErrors.increment();
            } else if (status >= 400) {
                clientErrors.increment();
            }
            maxMicros.accumulate(micros);
            recorder.recordValue(Math.max(0, micros));
        }

        synchronized ApiStatsResponse.EndpointStats snapshot(Endpoint endpoint) {
            interval = recorder.getIntervalHistogram(interval);
            cumulative.add(interval);
            return new ApiStatsResponse.EndpointStats(
                    endpoint.method(),
                    endpoint.route(),
                    count.sum(),
                    clientErrors.sum(),
                    serverErrors.sum(),
                    millis(cumulative.getValueAtPercentile(50)),
                    millis(cumulative.getValueAtPercentile(95)),
                    millis(cumulative.getValueAtPercentile(99)),
                    millis(maxMicros.get()));
        }

        private static double millis(long micros) {
            return Math.round(micros / 10.0) / 100.0;
        }
    }
}
